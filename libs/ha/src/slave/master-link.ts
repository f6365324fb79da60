/**
 * The slave's side of an HA link, whatever the protocol (classic HAClient, AutoSwitchHAClient;
 * docs/store-and-ha.md#replication): one connection at a time to the master's HA address, which
 * `setMasterAddress` switches at runtime (undefined = stay disconnected); the max offset reported
 * to the master on demand and as a heartbeat; a protocol breach or a refused append drops the
 * connection, and so does a master silent for haHousekeepingInterval; a lost connection is
 * redialed after the subclass's delay.
 *
 * The subclass speaks the protocol: what it sends on connect, how it decodes what arrives (throwing
 * HAProtocolError on a breach), when a report is due, how it encodes one, and its own state.
 *
 * Timers: one housekeeping interval while started and one reconnect timeout at a time, both
 * unref'd; `stop` clears them and closes the socket.
 */
import { connect, type Socket } from 'node:net';

import { type Clock, type Logger, rethrowInvariantViolation, type TimerHandle, type Timers } from '@rocketmq-ts/base';
import { parseHostPort } from '@rocketmq-ts/base';

import { type HAConfig, housekeepingTickMs } from '../ha-config';
import type { HATime } from '../ha-time';
import { HAProtocolError } from '../ha-protocol-error';
import type { HASlaveStore } from '../ha-store';
import { destroyAndWait } from '../net/socket-lifecycle';

export interface MasterLinkParts<S extends HASlaveStore> {
  readonly config: HAConfig;
  readonly store: S;
  readonly logger: Logger;
  readonly time: HATime;
  readonly address: string | undefined;
}

export abstract class MasterLink<S extends HASlaveStore> {
  protected address: string | undefined;
  protected socket: Socket | undefined;
  protected running = false;
  protected lastReadMs = 0;
  protected reportedOffset = -1;
  private lastReportMs = 0;
  private tickTimer: TimerHandle | undefined;
  private reconnectTimer: TimerHandle | undefined;
  protected readonly clock: Clock;
  protected readonly timers: Timers;

  readonly config: HAConfig;
  protected readonly store: S;
  protected readonly logger: Logger;

  protected constructor(parts: MasterLinkParts<S>) {
    ({ config: this.config, store: this.store, logger: this.logger } = parts);
    this.clock = parts.time.clock;
    this.timers = parts.time.timers;
    this.address = parts.address;
  }

  get masterAddress(): string | undefined {
    return this.address;
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.tickTimer = this.timers.setInterval(() => this.tick(), housekeepingTickMs(this.config));
    this.tickTimer.unref();
    this.connect();
  }

  /** Closes the connection and stops every timer; resolves once the socket is closed. */
  async stop(): Promise<void> {
    this.running = false;
    this.timers.clearInterval(this.tickTimer);
    this.tickTimer = undefined;
    this.cancelReconnect();
    await this.dropConnection();
  }

  /** Follows a new master (or none); a change drops the current connection at once. */
  setMasterAddress(address: string | undefined): void {
    if (address === this.address) return;
    this.logger.info({ from: this.address, to: address }, 'HA master address changed');
    this.address = address;
    this.onMasterAddressChanged();
    if (!this.running) return;
    this.cancelReconnect();
    void this.dropConnection().then(() => this.connect());
  }

  // The protocol's part.

  /** A new socket is being opened: reset the decoder and per-connection state. */
  protected abstract onSocketOpening(): void;
  /** The TCP connection is up (lastReadMs is set): the protocol's first words. */
  protected abstract onConnected(socket: Socket): void;
  /** Feeds received bytes to the protocol; throws HAProtocolError (or a store error) to drop the link. */
  protected abstract decode(socket: Socket, chunk: Buffer): void;
  /** After a chunk was decoded without error (e.g. report what was stored). */
  protected abstract afterBatch(socket: Socket): void;
  /** Whether the link is far enough along for the silence check. */
  protected abstract linkUp(): boolean;
  /** Whether heartbeat reports are due on this link now. */
  protected abstract reporting(): boolean;
  protected abstract encodeReport(offset: number): Buffer;
  /** The connection is gone (dropped on purpose or closed): back to the disconnected state. */
  protected abstract markDown(): void;
  /** The master (or the network) closed the connection; the reconnect follows. */
  protected abstract onLinkClosed(): void;
  protected abstract nextReconnectDelayMs(): number;
  protected onMasterAddressChanged(): void {
    // Nothing by default.
  }

  protected report(socket: Socket): void {
    const offset = this.store.getMaxPhyOffset();
    socket.write(this.encodeReport(offset));
    this.reportedOffset = offset;
    this.lastReportMs = this.clock.nowMs();
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
    this.onSocketOpening();
    socket.setNoDelay(true);
    socket.on('connect', () => {
      if (socket !== this.socket) return;
      this.lastReadMs = this.clock.nowMs();
      this.onConnected(socket);
    });
    socket.on('data', (chunk: Buffer) => this.onData(socket, chunk));
    socket.on('error', (error) => this.logger.info({ err: error, masterAddress: this.address }, 'HA connection to the master failed'));
    socket.on('close', () => this.onClosed(socket));
  }

  private onData(socket: Socket, chunk: Buffer): void {
    if (socket !== this.socket) return;
    this.lastReadMs = this.clock.nowMs();
    try {
      this.decode(socket, chunk);
    } catch (error) {
      rethrowInvariantViolation(error);
      const reason =
        error instanceof HAProtocolError
          ? error.message
          : `storing replicated bytes failed: ${error instanceof Error ? error.message : String(error)}`;
      this.logger.error(
        { err: error, masterAddress: this.address, maxOffset: this.store.getMaxPhyOffset() },
        `HA: dropping the connection to the master: ${reason}`,
      );
      socket.destroy();
      return;
    }
    this.afterBatch(socket);
  }

  private tick(): void {
    const socket = this.socket;
    if (socket === undefined || !this.linkUp()) return;
    const nowMs = this.clock.nowMs();
    const silentMs = nowMs - this.lastReadMs;
    if (silentMs > this.config.haHousekeepingIntervalMs) {
      this.logger.warn({ masterAddress: this.address, silentMs }, `HA: nothing from the master for ${silentMs} ms; reconnecting`);
      socket.destroy();
      return;
    }
    if (this.reporting() && nowMs - this.lastReportMs >= this.config.haSendHeartbeatIntervalMs) this.report(socket);
  }

  private onClosed(socket: Socket): void {
    if (socket !== this.socket) return;
    this.socket = undefined;
    this.onLinkClosed();
    this.scheduleReconnect();
  }

  private scheduleReconnect(): void {
    if (!this.running || this.address === undefined || this.reconnectTimer !== undefined) return;
    this.reconnectTimer = this.timers.setTimeout(() => {
      this.reconnectTimer = undefined;
      this.connect();
    }, this.nextReconnectDelayMs());
    this.reconnectTimer.unref();
  }

  private cancelReconnect(): void {
    this.timers.clearTimeout(this.reconnectTimer);
    this.reconnectTimer = undefined;
  }

  /** Destroys the socket (if any) and resolves once it is closed; no reconnect is scheduled for it. */
  private async dropConnection(): Promise<void> {
    const socket = this.socket;
    if (socket === undefined) return;
    this.socket = undefined;
    this.markDown();
    await destroyAndWait(socket);
  }
}
