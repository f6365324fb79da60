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
 *
 * The connection's lifecycle (dialing, silence, reconnect timers) is slave/master-link.ts, shared
 * with the classic client; this file is the AutoSwitch protocol on it.
 */
import type { Socket } from 'node:net';

import type { Clock, Logger, Timers } from '@rocketmq-ts/base';
import { findConsistentPoint } from '@rocketmq-ts/store';

import { type HAConfig, haConfig } from '../ha-config';
import { haTimeOf } from '../ha-time';
import { HAProtocolError } from '../ha-protocol-error';
import { MasterLink } from '../slave/master-link';
import type { AutoSwitchSlaveStore } from './autoswitch-store';
import {
  encodeSlaveAck,
  encodeSlaveHandshake,
  type MasterFrame,
  MasterFrameDecoder,
  type MasterHandshake,
  type TransferHeader,
} from './autoswitch-wire';

export interface AutoSwitchClientOptions {
  readonly store: AutoSwitchSlaveStore;
  readonly logger: Logger;
  /** This replica's controller id, sent in the handshake. */
  readonly localId: number;
  readonly syncFromLastFile?: boolean;
  readonly asyncLearner?: boolean;
  readonly config?: Partial<HAConfig>;
  readonly clock?: Clock;
  /** The housekeeping tick, reconnects and ack deadlines; real timers by default. */
  readonly timers?: Timers;
}

type ClientState = 'READY' | 'HANDSHAKE' | 'TRUNCATING' | 'TRANSFER';

export class AutoSwitchHAClient extends MasterLink<AutoSwitchSlaveStore> {
  private readonly decoder: MasterFrameDecoder;
  private state: ClientState = 'READY';
  private masterConfirmOffset = -1;
  private truncations = 0;

  constructor(private readonly options: AutoSwitchClientOptions) {
    const config = haConfig(options.config);
    super({
      config,
      store: options.store,
      logger: options.logger.child({ component: 'AutoSwitchHAClient' }),
      time: haTimeOf(options),
      address: undefined,
    });
    this.decoder = new MasterFrameDecoder(config.haTransferBatchSize);
  }

  isTransferring(): boolean {
    return this.state === 'TRANSFER';
  }

  /** min(master's confirm offset, local max): what a slave may serve (RocketMQ's slave confirmOffset). */
  confirmOffset(): number {
    return Math.min(this.masterConfirmOffset < 0 ? 0 : this.masterConfirmOffset, this.store.getMaxPhyOffset());
  }

  stats(): {
    readonly masterAddress: string | undefined;
    readonly state: string;
    readonly localMaxOffset: number;
    readonly truncations: number;
  } {
    return { masterAddress: this.address, state: this.state, localMaxOffset: this.store.getMaxPhyOffset(), truncations: this.truncations };
  }

  protected onSocketOpening(): void {
    this.decoder.reset();
    this.state = 'READY';
  }

  protected onConnected(socket: Socket): void {
    socket.write(
      encodeSlaveHandshake({
        syncFromLastFile: this.options.syncFromLastFile ?? false,
        asyncLearner: this.options.asyncLearner ?? false,
        slaveId: this.options.localId,
      }),
    );
    this.state = 'HANDSHAKE';
  }

  protected decode(socket: Socket, chunk: Buffer): void {
    this.decoder.push(chunk, (frame) => this.onFrame(socket, frame));
  }

  protected afterBatch(socket: Socket): void {
    if (this.state === 'TRANSFER' && this.store.getMaxPhyOffset() !== this.reportedOffset) this.report(socket);
  }

  protected linkUp(): boolean {
    return this.state !== 'READY';
  }

  protected reporting(): boolean {
    return this.state === 'TRANSFER';
  }

  protected encodeReport(offset: number): Buffer {
    return encodeSlaveAck(offset);
  }

  protected markDown(): void {
    this.state = 'READY';
  }

  protected onLinkClosed(): void {
    this.state = 'READY';
    this.logger.info({ masterAddress: this.address }, 'HA connection to the master closed');
  }

  protected nextReconnectDelayMs(): number {
    return this.config.haReconnectMinDelayMs * 4;
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
    // An empty log has nothing to disagree about: a master killed before its group wrote a byte
    // comes back with an epoch the new master replaced (same start, docs/controller-mode-broker.md#epoch-file),
    // so no epoch is in common, yet it only has to copy from 0.
    if (local.length > 0 && localMax > 0) {
      const point = findConsistentPoint(local, localMax, handshake.epochs, handshake.masterMaxOffset);
      if (point < 0) {
        this.logger.error({ local, master: handshake.epochs }, 'HA: no epoch in common with the master; retrying');
        socket.destroy();
        return;
      }
      if (point < localMax) {
        this.logger.warn(
          { from: localMax, to: point, local, master: handshake.epochs },
          `HA: truncating the local log to ${point}, where it stops agreeing with the master`,
        );
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
    if (maxOffset !== 0 && header.offset !== maxOffset)
      throw new HAProtocolError(`the master sent offset ${header.offset} but the local log ends at ${maxOffset}`);
    this.masterConfirmOffset = header.confirmOffset;
    if (body.length === 0) {
      this.store.holdConfirmOffset(this.confirmOffset());
      return;
    }
    const epochs = this.store.epochs.list();
    const last = epochs[epochs.length - 1];
    if (last === undefined || last.epoch !== header.epoch) {
      const outcome = this.store.epochs.append({ epoch: header.epoch, startOffset: header.epochStartOffset });
      if (outcome.kind === 'refused')
        throw new HAProtocolError(
          `epoch ${header.epoch}@${header.epochStartOffset} from the master does not follow the local epochs: ${outcome.reason}`,
        );
    }
    this.store.appendReplicated(header.offset, body);
    // Consumers on this slave see only what the master's SyncStateSet has confirmed.
    this.store.holdConfirmOffset(this.confirmOffset());
  }
}
