/**
 * The slave's AutoSwitch HA client (docs/controller-mode-broker.md#ha-protocol).
 *
 * Per connection: send HANDSHAKE (own controller id) → receive the master's epoch list → find
 * the consistent point (findConsistentPoint) and, when the local log runs past it, cut the log,
 * consume queues and epoch file there → TRANSFER: ACK the max offset, then append every frame
 * that starts exactly at the local max, recording a new epoch entry whenever a frame's epoch
 * differs from the newest local one, and ACK whenever the max grew (and every
 * haSendHeartbeatInterval). No consistent point → the connection is dropped and retried.
 *
 * An empty local epoch list is a new replica: nothing to cut, it reports what it has.
 */
import { connect, type Socket } from 'node:net';

import { type Clock, type Logger, systemClock } from '@rocketmq-ts/base';
import { findConsistentPoint } from '@rocketmq-ts/store';

import { type HAConfig, haConfig, housekeepingTickMs } from '../ha-config';
import { HAProtocolError } from '../ha-protocol-error';
import { parseHostPort } from '../slave/master-address';
import { destroyAndWait } from '../net/socket-lifecycle';
import type { AutoSwitchSlaveStore } from './autoswitch-store';
import { encodeSlaveAck, encodeSlaveHandshake, type MasterFrame, MasterFrameDecoder, type MasterHandshake, type TransferHeader } from './autoswitch-wire';

export interface AutoSwitchClientOptions {
  readonly store: AutoSwitchSlaveStore;
  readonly logger: Logger;
  /** This replica's controller id, sent in the handshake. */
  readonly localId: number;
  readonly syncFromLastFile?: boolean;
  readonly asyncLearner?: boolean;
  readonly config?: Partial<HAConfig>;
  readonly clock?: Clock;
}

type ClientState = 'READY' | 'HANDSHAKE' | 'TRUNCATING' | 'TRANSFER';

export class AutoSwitchHAClient {
  readonly config: HAConfig;
  private readonly store: AutoSwitchSlaveStore;
  private readonly logger: Logger;
  private readonly clock: Clock;
  private readonly decoder: MasterFrameDecoder;
  private address: string | undefined;
  private socket: Socket | undefined;
  private state: ClientState = 'READY';
  private running = false;
  private tickTimer: NodeJS.Timeout | undefined;
  private reconnectTimer: NodeJS.Timeout | undefined;
  private lastReadMs = 0;
  private lastReportMs = 0;
  private reportedOffset = -1;
  private masterConfirmOffset = -1;
  private truncations = 0;

  constructor(private readonly options: AutoSwitchClientOptions) {
    this.store = options.store;
    this.config = haConfig(options.config);
    this.logger = options.logger.child({ component: 'AutoSwitchHAClient' });
    this.clock = options.clock ?? systemClock;
    this.decoder = new MasterFrameDecoder(this.config.haTransferBatchSize);
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

  async stop(): Promise<void> {
    this.running = false;
    if (this.tickTimer !== undefined) clearInterval(this.tickTimer);
    this.cancelReconnect();
    await this.dropConnection();
  }

  setMasterAddress(address: string | undefined): void {
    if (address === this.address) return;
    this.logger.info({ from: this.address, to: address }, 'HA master address changed');
    this.address = address;
    if (!this.running) return;
    this.cancelReconnect();
    void this.dropConnection().then(() => this.connect());
  }

  isTransferring(): boolean {
    return this.state === 'TRANSFER';
  }

  /** min(master's confirm offset, local max): what a slave may serve (RocketMQ's slave confirmOffset). */
  confirmOffset(): number {
    return Math.min(this.masterConfirmOffset < 0 ? 0 : this.masterConfirmOffset, this.store.getMaxPhyOffset());
  }

  stats(): { readonly masterAddress: string | undefined; readonly state: string; readonly localMaxOffset: number; readonly truncations: number } {
    return { masterAddress: this.address, state: this.state, localMaxOffset: this.store.getMaxPhyOffset(), truncations: this.truncations };
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
    this.state = 'READY';
    socket.setNoDelay(true);
    socket.on('connect', () => {
      if (socket !== this.socket) return;
      this.lastReadMs = this.clock.nowMs();
      socket.write(encodeSlaveHandshake({ syncFromLastFile: this.options.syncFromLastFile ?? false, asyncLearner: this.options.asyncLearner ?? false, slaveId: this.options.localId }));
      this.state = 'HANDSHAKE';
    });
    socket.on('data', (chunk: Buffer) => this.onData(socket, chunk));
    socket.on('error', (error) => this.logger.info({ err: error, masterAddress: this.address }, 'HA connection to the master failed'));
    socket.on('close', () => this.onClosed(socket));
  }

  private onData(socket: Socket, chunk: Buffer): void {
    if (socket !== this.socket) return;
    this.lastReadMs = this.clock.nowMs();
    try {
      this.decoder.push(chunk, (frame) => this.onFrame(socket, frame));
    } catch (error) {
      const reason = error instanceof HAProtocolError ? error.message : `storing replicated bytes failed: ${error instanceof Error ? error.message : String(error)}`;
      this.logger.error({ err: error, masterAddress: this.address, maxOffset: this.store.getMaxPhyOffset() }, `HA: dropping the connection to the master: ${reason}`);
      socket.destroy();
      return;
    }
    if (this.state === 'TRANSFER' && this.store.getMaxPhyOffset() !== this.reportedOffset) this.report(socket);
  }

  private onFrame(socket: Socket, frame: MasterFrame): void {
    if (frame.kind === 'handshake') {
      if (this.state !== 'HANDSHAKE') throw new HAProtocolError(`a HANDSHAKE from the master in state ${this.state}`);
      this.state = 'TRUNCATING';
      void this.afterHandshake(socket, frame.handshake);
      return;
    }
    if (this.state !== 'TRANSFER') throw new HAProtocolError(`a TRANSFER frame from the master in state ${this.state}`);
    this.onTransfer(frame.header, frame.body);
  }

  private async afterHandshake(socket: Socket, handshake: MasterHandshake): Promise<void> {
    const local = this.store.epochs.list();
    const localMax = this.store.getMaxPhyOffset();
    if (local.length > 0) {
      const point = findConsistentPoint(local, localMax, handshake.epochs, handshake.masterMaxOffset);
      if (point < 0) {
        this.logger.error({ local, master: handshake.epochs }, 'HA: no epoch in common with the master; retrying');
        socket.destroy();
        return;
      }
      if (point < localMax) {
        this.logger.warn({ from: localMax, to: point, local, master: handshake.epochs }, `HA: truncating the local log to ${point}, where it stops agreeing with the master`);
        const outcome = await this.store.truncateTo(point);
        if (outcome.kind === 'refused') {
          this.logger.error({ point, reason: outcome.reason }, `HA: could not truncate to the consistent point: ${outcome.reason}`);
          socket.destroy();
          return;
        }
        this.truncations++;
      }
    }
    if (socket !== this.socket) return;
    this.state = 'TRANSFER';
    this.report(socket);
  }

  private onTransfer(header: TransferHeader, body: Buffer): void {
    const maxOffset = this.store.getMaxPhyOffset();
    if (maxOffset !== 0 && header.offset !== maxOffset) throw new HAProtocolError(`the master sent offset ${header.offset} but the local log ends at ${maxOffset}`);
    this.masterConfirmOffset = header.confirmOffset;
    if (body.length === 0) {
      this.store.holdConfirmOffset(this.confirmOffset());
      return;
    }
    const epochs = this.store.epochs.list();
    const last = epochs[epochs.length - 1];
    if (last === undefined || last.epoch !== header.epoch) {
      const outcome = this.store.epochs.append({ epoch: header.epoch, startOffset: header.epochStartOffset });
      if (outcome.kind === 'refused') throw new HAProtocolError(`epoch ${header.epoch}@${header.epochStartOffset} from the master does not follow the local epochs: ${outcome.reason}`);
    }
    this.store.appendReplicated(header.offset, body);
    // Consumers on this slave see only what the master's SyncStateSet has confirmed.
    this.store.holdConfirmOffset(this.confirmOffset());
  }

  private report(socket: Socket): void {
    const offset = this.store.getMaxPhyOffset();
    socket.write(encodeSlaveAck(offset));
    this.reportedOffset = offset;
    this.lastReportMs = this.clock.nowMs();
  }

  private tick(): void {
    const socket = this.socket;
    if (socket === undefined || this.state === 'READY') return;
    const nowMs = this.clock.nowMs();
    const silentMs = nowMs - this.lastReadMs;
    if (silentMs > this.config.haHousekeepingIntervalMs) {
      this.logger.warn({ masterAddress: this.address, silentMs }, `HA: nothing from the master for ${silentMs} ms; reconnecting`);
      socket.destroy();
      return;
    }
    if (this.state === 'TRANSFER' && nowMs - this.lastReportMs >= this.config.haSendHeartbeatIntervalMs) this.report(socket);
  }

  private onClosed(socket: Socket): void {
    if (socket !== this.socket) return;
    this.socket = undefined;
    this.state = 'READY';
    this.logger.info({ masterAddress: this.address }, 'HA connection to the master closed');
    this.scheduleReconnect();
  }

  private scheduleReconnect(): void {
    if (!this.running || this.address === undefined || this.reconnectTimer !== undefined) return;
    this.reconnectTimer = setTimeout(() => {
      this.reconnectTimer = undefined;
      this.connect();
    }, this.config.haReconnectMinDelayMs * 4);
    this.reconnectTimer.unref();
  }

  private cancelReconnect(): void {
    if (this.reconnectTimer !== undefined) clearTimeout(this.reconnectTimer);
    this.reconnectTimer = undefined;
  }

  private async dropConnection(): Promise<void> {
    const socket = this.socket;
    if (socket === undefined) return;
    this.socket = undefined;
    this.state = 'READY';
    await destroyAndWait(socket);
  }
}
