/**
 * The slave's HA client (RocketMQ's HAClient, docs/store-and-ha.md#replication): connects to the master's HA
 * address, reports its max commit-log offset (at connect, after each batch it stores, and every
 * haSendHeartbeatInterval), and appends every frame the master sends at exactly its offset.
 *
 * A frame whose offset is not the slave's max offset (once the slave has data) means the streams
 * disagree: the client logs why, drops the connection and reconnects, and the master restarts
 * from the slave's report. Any other protocol breach or a refused append does the same. The
 * master going away, or going silent for haHousekeepingInterval, also ends in a reconnect,
 * with a delay from haReconnectMinDelay doubling to haReconnectMaxDelay.
 *
 * `setMasterAddress` switches masters at runtime (failover): the current connection is dropped
 * and the new master is dialed at once. Undefined means "no master": stay disconnected.
 *
 * The connection's lifecycle (dialing, silence, reconnect timers) is master-link.ts, shared with the
 * AutoSwitch client; this file is the classic protocol on it.
 */
import type { Socket } from 'node:net';

import type { Clock, Logger, Timers } from '@rocketmq-ts/base';

import { type HAConfig, haConfig } from '../ha-config';
import { haTimeOf } from '../ha-time';
import { HAProtocolError } from '../ha-protocol-error';
import type { HASlaveStore } from '../ha-store';
import { HAFrameDecoder } from '../wire/frame-decoder';
import { encodeOffsetReport } from '../wire/ha-wire';
import { MasterLink } from './master-link';

export interface HAClientOptions {
  readonly store: HASlaveStore;
  readonly logger: Logger;
  /** The master's HA address `host:port` (its listenPort + 1 by convention). */
  readonly masterAddress?: string;
  readonly config?: Partial<HAConfig>;
  readonly clock?: Clock;
  /** The housekeeping tick and reconnects; real timers by default. */
  readonly timers?: Timers;
}

export interface HAClientStats {
  readonly masterAddress: string | undefined;
  readonly connected: boolean;
  /** The slave's max offset as last reported to the master. */
  readonly reportedOffset: number;
  /** Commit-log bytes received and stored since start. */
  readonly bytesReceived: number;
  /** When the master last sent anything (clock ms); 0 before that. */
  readonly lastReadMs: number;
  /**
   * The master's position as its frames last told it (end of the last frame; a heartbeat carries
   * the next byte the master would send, its max offset once the slave has everything); -1 before
   * any frame. Classic HA never sends the master's max offset while it streams a backlog.
   */
  readonly masterOffset: number;
  /** The slave's commit-log max offset now. */
  readonly localMaxOffset: number;
  /** Connections opened since start. */
  readonly connects: number;
}

export class HAClient extends MasterLink<HASlaveStore> {
  private readonly decoder: HAFrameDecoder;
  private connected = false;
  private reconnectDelayMs: number;
  private bytesReceived = 0;
  private masterOffset = -1;
  private connects = 0;

  constructor(options: HAClientOptions) {
    const config = haConfig(options.config);
    super({
      config,
      store: options.store,
      logger: options.logger.child({ component: 'HAClient' }),
      time: haTimeOf(options),
      address: options.masterAddress,
    });
    this.decoder = new HAFrameDecoder(config.haTransferBatchSize);
    this.reconnectDelayMs = config.haReconnectMinDelayMs;
  }

  isConnected(): boolean {
    return this.connected;
  }

  stats(): HAClientStats {
    return {
      masterAddress: this.address,
      connected: this.connected,
      reportedOffset: this.reportedOffset,
      bytesReceived: this.bytesReceived,
      lastReadMs: this.lastReadMs,
      masterOffset: this.masterOffset,
      localMaxOffset: this.store.getMaxPhyOffset(),
      connects: this.connects,
    };
  }

  protected override onMasterAddressChanged(): void {
    this.reconnectDelayMs = this.config.haReconnectMinDelayMs;
  }

  protected onSocketOpening(): void {
    this.decoder.reset();
    this.masterOffset = -1;
  }

  protected onConnected(socket: Socket): void {
    this.connected = true;
    this.connects++;
    this.logger.info({ masterAddress: this.address, maxOffset: this.store.getMaxPhyOffset() }, 'HA connected to the master');
    this.report(socket);
  }

  protected decode(_socket: Socket, chunk: Buffer): void {
    this.decoder.push(chunk, this.onFrame);
  }

  protected afterBatch(socket: Socket): void {
    // A successful batch proves the link; the next outage starts from the shortest delay again.
    this.reconnectDelayMs = this.config.haReconnectMinDelayMs;
    if (this.store.getMaxPhyOffset() !== this.reportedOffset) this.report(socket);
  }

  protected linkUp(): boolean {
    return this.connected;
  }

  protected reporting(): boolean {
    return true;
  }

  protected encodeReport(offset: number): Buffer {
    return encodeOffsetReport(offset);
  }

  protected markDown(): void {
    this.connected = false;
  }

  protected onLinkClosed(): void {
    const wasConnected = this.connected;
    this.connected = false;
    if (wasConnected) this.logger.info({ masterAddress: this.address }, 'HA connection to the master closed');
  }

  /** From haReconnectMinDelay, doubling up to haReconnectMaxDelay while the master stays away. */
  protected nextReconnectDelayMs(): number {
    const delayMs = this.reconnectDelayMs;
    this.reconnectDelayMs = Math.min(this.reconnectDelayMs * 2, this.config.haReconnectMaxDelayMs);
    return delayMs;
  }

  private readonly onFrame = (offset: number, body: Buffer): void => {
    const maxOffset = this.store.getMaxPhyOffset();
    if (maxOffset !== 0 && offset !== maxOffset) {
      throw new HAProtocolError(`the master sent offset ${offset} but the slave's commit log ends at ${maxOffset}`);
    }
    this.masterOffset = offset + body.length;
    if (body.length === 0) return;
    this.store.appendReplicated(offset, body);
    this.bytesReceived += body.length;
  };
}
