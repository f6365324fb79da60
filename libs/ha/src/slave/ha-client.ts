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
 * Timers: one housekeeping interval while started and one reconnect timeout at a time, both
 * unref'd; `stop` clears them and closes the socket.
 */
import { connect, type Socket } from 'node:net';

import { type Clock, type Logger, systemClock } from '@rocketmq-ts/base';

import { type HAConfig, haConfig, housekeepingTickMs } from '../ha-config';
import { HAProtocolError } from '../ha-protocol-error';
import type { HASlaveStore } from '../ha-store';
import { HAFrameDecoder } from '../wire/frame-decoder';
import { encodeOffsetReport } from '../wire/ha-wire';
import { parseHostPort } from './master-address';
import { destroyAndWait } from '../net/socket-lifecycle';

export interface HAClientOptions {
  readonly store: HASlaveStore;
  readonly logger: Logger;
  /** The master's HA address `host:port` (its listenPort + 1 by convention). */
  readonly masterAddress?: string;
  readonly config?: Partial<HAConfig>;
  readonly clock?: Clock;
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

export class HAClient {
  readonly config: HAConfig;
  private readonly store: HASlaveStore;
  private readonly logger: Logger;
  private readonly clock: Clock;
  private readonly decoder: HAFrameDecoder;
  private address: string | undefined;
  private socket: Socket | undefined;
  private connected = false;
  private running = false;
  private tickTimer: NodeJS.Timeout | undefined;
  private reconnectTimer: NodeJS.Timeout | undefined;
  private reconnectDelayMs: number;
  private lastReadMs = 0;
  private lastReportMs = 0;
  private reportedOffset = -1;
  private bytesReceived = 0;
  private masterOffset = -1;
  private connects = 0;

  constructor(options: HAClientOptions) {
    this.store = options.store;
    this.config = haConfig(options.config);
    this.logger = options.logger.child({ component: 'HAClient' });
    this.clock = options.clock ?? systemClock;
    this.address = options.masterAddress;
    this.decoder = new HAFrameDecoder(this.config.haTransferBatchSize);
    this.reconnectDelayMs = this.config.haReconnectMinDelayMs;
  }

  get masterAddress(): string | undefined {
    return this.address;
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.tickTimer = setInterval(() => this.tick(), housekeepingTickMs(this.config));
    this.tickTimer.unref();
    this.connect();
  }

  /** Closes the connection and stops every timer; resolves once the socket is closed. */
  async stop(): Promise<void> {
    this.running = false;
    if (this.tickTimer !== undefined) clearInterval(this.tickTimer);
    this.tickTimer = undefined;
    this.cancelReconnect();
    await this.dropConnection();
  }

  /** Follows a new master (or none); a change drops the current connection at once. */
  setMasterAddress(address: string | undefined): void {
    if (address === this.address) return;
    this.logger.info({ from: this.address, to: address }, 'HA master address changed');
    this.address = address;
    this.reconnectDelayMs = this.config.haReconnectMinDelayMs;
    if (!this.running) return;
    this.cancelReconnect();
    void this.dropConnection().then(() => this.connect());
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

  private connect(): void {
    if (!this.running || this.socket !== undefined || this.address === undefined) return;
    const target = parseHostPort(this.address);
    if (target === undefined) {
      this.logger.error({ masterAddress: this.address }, 'HA master address is not host:port; not connecting');
      return;
    }
    const socket = connect({ host: target.host, port: target.port });
    this.socket = socket;
    this.decoder.reset();
    this.masterOffset = -1;
    socket.setNoDelay(true);
    socket.on('connect', () => this.onConnected(socket));
    socket.on('data', (chunk: Buffer) => this.onData(socket, chunk));
    socket.on('error', (error) => this.logger.info({ err: error, masterAddress: this.address }, 'HA connection to the master failed'));
    socket.on('close', () => this.onClosed(socket));
  }

  private onConnected(socket: Socket): void {
    if (socket !== this.socket) return;
    this.connected = true;
    this.connects++;
    this.lastReadMs = this.clock.nowMs();
    this.logger.info({ masterAddress: this.address, maxOffset: this.store.getMaxPhyOffset() }, 'HA connected to the master');
    this.report(socket);
  }

  private onData(socket: Socket, chunk: Buffer): void {
    if (socket !== this.socket) return;
    this.lastReadMs = this.clock.nowMs();
    try {
      this.decoder.push(chunk, this.onFrame);
    } catch (error) {
      const reason = error instanceof HAProtocolError ? error.message : `storing replicated bytes failed: ${error instanceof Error ? error.message : String(error)}`;
      this.logger.error({ err: error, masterAddress: this.address, maxOffset: this.store.getMaxPhyOffset() }, `HA: dropping the connection to the master: ${reason}`);
      socket.destroy();
      return;
    }
    // A successful batch proves the link; the next outage starts from the shortest delay again.
    this.reconnectDelayMs = this.config.haReconnectMinDelayMs;
    if (this.store.getMaxPhyOffset() !== this.reportedOffset) this.report(socket);
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

  private report(socket: Socket): void {
    const offset = this.store.getMaxPhyOffset();
    socket.write(encodeOffsetReport(offset));
    this.reportedOffset = offset;
    this.lastReportMs = this.clock.nowMs();
  }

  private tick(): void {
    const socket = this.socket;
    if (socket === undefined || !this.connected) return;
    const nowMs = this.clock.nowMs();
    const silentMs = nowMs - this.lastReadMs;
    if (silentMs > this.config.haHousekeepingIntervalMs) {
      this.logger.warn({ masterAddress: this.address, silentMs }, `HA: nothing from the master for ${silentMs} ms; reconnecting`);
      socket.destroy();
      return;
    }
    if (nowMs - this.lastReportMs >= this.config.haSendHeartbeatIntervalMs) this.report(socket);
  }

  private onClosed(socket: Socket): void {
    if (socket !== this.socket) return;
    const wasConnected = this.connected;
    this.socket = undefined;
    this.connected = false;
    if (wasConnected) this.logger.info({ masterAddress: this.address }, 'HA connection to the master closed');
    this.scheduleReconnect();
  }

  private scheduleReconnect(): void {
    if (!this.running || this.address === undefined || this.reconnectTimer !== undefined) return;
    const delayMs = this.reconnectDelayMs;
    this.reconnectDelayMs = Math.min(this.reconnectDelayMs * 2, this.config.haReconnectMaxDelayMs);
    this.reconnectTimer = setTimeout(() => {
      this.reconnectTimer = undefined;
      this.connect();
    }, delayMs);
    this.reconnectTimer.unref();
  }

  private cancelReconnect(): void {
    if (this.reconnectTimer !== undefined) clearTimeout(this.reconnectTimer);
    this.reconnectTimer = undefined;
  }

  /** Destroys the socket (if any) and resolves once it is closed; no reconnect is scheduled for it. */
  private async dropConnection(): Promise<void> {
    const socket = this.socket;
    if (socket === undefined) return;
    this.socket = undefined;
    this.connected = false;
    await destroyAndWait(socket);
  }
}
