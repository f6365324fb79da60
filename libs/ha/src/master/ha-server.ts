/**
 * The master's HA service (RocketMQ's HAService with its AcceptSocketService and
 * GroupTransferService, docs/store-and-ha.md#replication): accepts slaves on the HA port (listenPort + 1 by
 * convention), streams the commit log to each (ha-connection.ts), and tracks what they have
 * acknowledged for SYNC_MASTER puts.
 *
 * - `push2SlaveMaxOffset`: the highest offset any slave has acknowledged. It never goes down,
 *   as RocketMQ's does not: a put acked by a slave that later disconnects stays acked.
 * - `isSlaveOk(masterPutWhere)`: a slave is connected and less than haSlaveFallbehindMax behind.
 * - `waitForSlaveAck(offset, timeoutMs)`: SLAVE_NOT_AVAILABLE at once unless `isSlaveOk`, else
 *   PUT_OK when acknowledged, FLUSH_SLAVE_TIMEOUT after the timeout.
 *
 * The port, the connection set, timers and closing are ha-listener.ts, shared with the AutoSwitch
 * server; this file is the classic ack rule on it.
 */
import type { Socket } from 'node:net';

import type { Clock, Logger, Timers } from '@rocketmq-ts/base';

import { type HAConfig, haConfig } from '../ha-config';
import { haTimeOf } from '../ha-time';
import type { HAMasterStore } from '../ha-store';
import { HAConnection, type HAConnectionStats } from './ha-connection';
import { HAListener } from './ha-listener';

export type SlaveAckStatus = 'PUT_OK' | 'FLUSH_SLAVE_TIMEOUT' | 'SLAVE_NOT_AVAILABLE';

export interface HAServerOptions {
  readonly store: HAMasterStore;
  readonly logger: Logger;
  readonly config?: Partial<HAConfig>;
  readonly clock?: Clock;
  /** The housekeeping tick and ack deadlines; real timers by default. */
  readonly timers?: Timers;
}

export interface HAServerStats {
  readonly masterMaxOffset: number;
  readonly push2SlaveMaxOffset: number;
  /** Connections that have made their first report. */
  readonly slaves: readonly HAConnectionStats[];
}

export class HAServer extends HAListener<HAConnection> {
  private readonly store: HAMasterStore;
  private push2SlaveMaxOffset = 0;

  constructor(options: HAServerOptions) {
    super({
      config: haConfig(options.config),
      appended: options.store,
      logger: options.logger.child({ component: 'HAServer' }),
      time: haTimeOf(options),
      names: { name: 'HAServer', title: 'HA server' },
    });
    this.store = options.store;
  }

  /** Slaves connected that have reported at least once. */
  slaveCount(): number {
    let count = 0;
    for (const connection of this.connections) if (connection.isSlave()) count++;
    return count;
  }

  getPush2SlaveMaxOffset(): number {
    return this.push2SlaveMaxOffset;
  }

  /** RocketMQ 4.x HAService.isSlaveOK: a slave is connected and the nearest is less than haSlaveFallbehindMax behind. */
  isSlaveOk(masterPutWhere: number): boolean {
    return this.slaveCount() > 0 && masterPutWhere - this.push2SlaveMaxOffset < this.config.haSlaveFallbehindMax;
  }

  /**
   * SYNC_MASTER: call after a put whose bytes end at `offset` (wroteOffset + wroteBytes). The
   * message is stored either way; the status says whether a slave has it too.
   */
  waitForSlaveAck(offset: number, timeoutMs: number): Promise<SlaveAckStatus> {
    if (!this.isListening() || !this.isSlaveOk(offset)) return Promise.resolve('SLAVE_NOT_AVAILABLE');
    return this.waiters.wait(offset, timeoutMs);
  }

  /** Puts waiting for an ack right now. */
  pendingAckWaits(): number {
    return this.waiters.size();
  }

  stats(): HAServerStats {
    const slaves: HAConnectionStats[] = [];
    for (const connection of this.connections) if (connection.isSlave()) slaves.push(connection.stats());
    return { masterMaxOffset: this.store.getMaxPhyOffset(), push2SlaveMaxOffset: this.push2SlaveMaxOffset, slaves };
  }

  protected accept(socket: Socket): HAConnection {
    const connection = new HAConnection(socket, {
      store: this.store,
      config: this.config,
      logger: this.logger,
      clock: this.clock,
      onAck: this.onAck,
      onClosed: (closed) => this.connections.delete(closed),
    });
    this.logger.debug({ slave: connection.remoteAddress }, 'HA connection accepted');
    return connection;
  }

  private readonly onAck = (offset: number): void => {
    if (offset <= this.push2SlaveMaxOffset) return;
    this.push2SlaveMaxOffset = offset;
    this.waiters.onAck(offset);
  };
}
