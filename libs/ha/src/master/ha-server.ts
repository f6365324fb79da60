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
 * Timers: one housekeeping interval (heartbeats, silent slaves) and the waiters' one deadline
 * timer, both unref'd; `close` stops them and every socket.
 */
import { createServer, type Server, type Socket } from 'node:net';

import { type Clock, type Logger, systemClock } from '@rocketmq-ts/base';

import { type HAConfig, haConfig, housekeepingTickMs } from '../ha-config';
import type { HAMasterStore } from '../ha-store';
import { HAConnection, type HAConnectionStats } from './ha-connection';
import { SlaveAckWaiters } from './slave-ack-waiters';
import { boundPort, closeServer, listenOn } from '../net/socket-lifecycle';

export type SlaveAckStatus = 'PUT_OK' | 'FLUSH_SLAVE_TIMEOUT' | 'SLAVE_NOT_AVAILABLE';

export interface HAServerOptions {
  readonly store: HAMasterStore;
  readonly logger: Logger;
  readonly config?: Partial<HAConfig>;
  readonly clock?: Clock;
}

export interface HAServerStats {
  readonly masterMaxOffset: number;
  readonly push2SlaveMaxOffset: number;
  /** Connections that have made their first report. */
  readonly slaves: readonly HAConnectionStats[];
}

export class HAServer {
  readonly config: HAConfig;
  private readonly store: HAMasterStore;
  private readonly logger: Logger;
  private readonly clock: Clock;
  private readonly connections = new Set<HAConnection>();
  private readonly waiters: SlaveAckWaiters;
  private server: Server | undefined;
  private tickTimer: NodeJS.Timeout | undefined;
  private unsubscribe: (() => void) | undefined;
  private push2SlaveMaxOffset = 0;

  constructor(options: HAServerOptions) {
    this.store = options.store;
    this.config = haConfig(options.config);
    this.logger = options.logger.child({ component: 'HAServer' });
    this.clock = options.clock ?? systemClock;
    this.waiters = new SlaveAckWaiters(this.clock);
  }

  /** Listens on `port` (0 picks a free one); resolves to the bound port. */
  async listen(port: number, host = '0.0.0.0'): Promise<number> {
    if (this.server !== undefined) throw new Error('HAServer is already listening');
    const server = createServer((socket) => this.accept(socket));
    this.server = server;
    await listenOn(server, port, host);
    server.on('error', (error) => this.logger.error({ err: error }, 'HA server error'));
    this.unsubscribe = this.store.onCommitLogAppended(this.wakeAll);
    this.tickTimer = setInterval(() => this.tick(), housekeepingTickMs(this.config));
    this.tickTimer.unref();
    const bound = this.port() ?? port;
    this.logger.info({ port: bound }, 'HA server listening');
    return bound;
  }

  port(): number | undefined {
    return boundPort(this.server);
  }

  /** Stops accepting, closes every slave connection, answers open waits FLUSH_SLAVE_TIMEOUT. */
  async close(): Promise<void> {
    const server = this.server;
    if (server === undefined) return;
    this.server = undefined;
    this.unsubscribe?.();
    this.unsubscribe = undefined;
    if (this.tickTimer !== undefined) clearInterval(this.tickTimer);
    this.tickTimer = undefined;
    const closing = [...this.connections].map((connection) => connection.closedSocket());
    for (const connection of [...this.connections]) connection.close(undefined);
    this.waiters.resolveAll('FLUSH_SLAVE_TIMEOUT');
    await Promise.all([...closing, closeServer(server)]);
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
    if (this.server === undefined || !this.isSlaveOk(offset)) return Promise.resolve('SLAVE_NOT_AVAILABLE');
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

  private accept(socket: Socket): void {
    const connection = new HAConnection(socket, {
      store: this.store,
      config: this.config,
      logger: this.logger,
      clock: this.clock,
      onAck: this.onAck,
      onClosed: (closed) => this.connections.delete(closed),
    });
    this.connections.add(connection);
    this.logger.debug({ slave: connection.remoteAddress }, 'HA connection accepted');
  }

  private readonly onAck = (offset: number): void => {
    if (offset <= this.push2SlaveMaxOffset) return;
    this.push2SlaveMaxOffset = offset;
    this.waiters.onAck(offset);
  };

  private readonly wakeAll = (): void => {
    for (const connection of this.connections) connection.wake();
  };

  private tick(): void {
    const nowMs = this.clock.nowMs();
    for (const connection of this.connections) connection.tick(nowMs);
  }
}
