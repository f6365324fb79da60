/**
 * The master's side of one AutoSwitch slave connection (docs/controller-mode-broker.md#ha-protocol).
 *
 * States: READY (waiting for the slave's HANDSHAKE) → HANDSHAKE (our epoch list sent, waiting for
 * the first ACK, which the slave sends once it has cut any divergent tail) → TRANSFER. The first
 * ACK says where to stream from: 0 means a new replica, streamed from the log's start (or the
 * last segment's start when it asked syncFromLastFile). Later ACKs only move forward and never
 * past what was sent; anything else closes the connection with the reason logged.
 *
 * Frames never cross a segment end (reads do not) nor an epoch end (reads are clipped there),
 * so each frame carries the one epoch that wrote its bytes.
 */
import type { Socket } from 'node:net';

import { at, type Clock, type Logger, rethrowInvariantViolation } from '@rocketmq-ts/base';
import type { EpochEntry } from '@rocketmq-ts/store';

import type { HAConfig } from '../ha-config';
import { HAProtocolError } from '../ha-protocol-error';
import type { CommitLogChunk } from '../ha-store';
import type { AutoSwitchMasterStore } from './autoswitch-store';
import { drained, socketClosed } from '../net/socket-lifecycle';
import { encodeMasterHandshake, encodeTransferHeader, type SlaveHandshake, SlaveFrameDecoder } from './autoswitch-wire';

export interface AutoSwitchConnectionContext {
  readonly store: AutoSwitchMasterStore;
  readonly config: HAConfig;
  readonly logger: Logger;
  readonly clock: Clock;
  confirmOffset(): number;
  onHandshake(connection: AutoSwitchConnection): void;
  onAck(connection: AutoSwitchConnection, offset: number): void;
  onClosed(connection: AutoSwitchConnection): void;
}

export type AutoSwitchConnectionState = 'READY' | 'HANDSHAKE' | 'TRANSFER' | 'SHUTDOWN';

export class AutoSwitchConnection {
  readonly remoteAddress: string;
  state: AutoSwitchConnectionState = 'READY';
  slaveId = -1;
  asyncLearner = false;
  private syncFromLastFile = false;
  private readonly decoder = new SlaveFrameDecoder();
  private ackOffsetValue = -1;
  private nextTransferOffset = -1;
  private lastReadMs: number;
  private lastWriteMs: number;
  /** The master's max offset when the last frame went out, and when. */
  private lastTransfer = { maxOffset: 0, atMs: 0 };
  lastCaughtUpMs: number;
  private pumping = false;
  private pumpScheduled = false;

  constructor(
    private readonly socket: Socket,
    private readonly context: AutoSwitchConnectionContext,
  ) {
    this.remoteAddress = `${socket.remoteAddress ?? '?'}:${socket.remotePort ?? '?'}`;
    this.lastReadMs = this.lastWriteMs = this.lastCaughtUpMs = context.clock.nowMs();
    socket.setNoDelay(true);
    socket.on('data', (chunk: Buffer) => this.onData(chunk));
    socket.on('error', (error) => context.logger.info({ err: error, slave: this.remoteAddress }, 'HA connection error'));
    socket.on('close', () => this.close(undefined));
  }

  ackOffset(): number {
    return this.ackOffsetValue;
  }

  isTransferring(): boolean {
    return this.state === 'TRANSFER';
  }

  wake(): void {
    if (this.state !== 'TRANSFER' || this.pumping || this.pumpScheduled) return;
    this.pumpScheduled = true;
    setImmediate(this.runPump);
  }

  tick(nowMs: number): void {
    if (this.state === 'SHUTDOWN') return;
    const silentMs = nowMs - this.lastReadMs;
    if (silentMs > this.context.config.haHousekeepingIntervalMs) {
      this.close(`no report from the slave for ${silentMs} ms (haHousekeepingInterval ${this.context.config.haHousekeepingIntervalMs} ms)`);
      return;
    }
    if (this.state !== 'TRANSFER' || this.pumping || this.pumpScheduled) return;
    // Nothing to send: the slave has everything, so it counts as caught up now.
    if (this.nextTransferOffset >= this.context.store.getMaxPhyOffset() && this.ackOffsetValue >= this.nextTransferOffset)
      this.lastCaughtUpMs = nowMs;
    if (nowMs - this.lastWriteMs >= this.context.config.haSendHeartbeatIntervalMs) {
      this.socket.write(encodeTransferHeader(this.headerAt(this.nextTransferOffset), 0));
      this.lastWriteMs = nowMs;
    }
  }

  close(reason: string | undefined): void {
    if (this.state === 'SHUTDOWN') return;
    this.state = 'SHUTDOWN';
    if (reason !== undefined)
      this.context.logger.warn({ slave: this.remoteAddress, slaveId: this.slaveId, reason }, `HA connection closed: ${reason}`);
    else
      this.context.logger.info(
        { slave: this.remoteAddress, slaveId: this.slaveId, ackOffset: this.ackOffsetValue },
        'HA slave disconnected',
      );
    this.socket.destroy();
    this.context.onClosed(this);
  }

  closedSocket(): Promise<void> {
    return socketClosed(this.socket);
  }

  private onData(chunk: Buffer): void {
    if (this.state === 'SHUTDOWN') return;
    this.lastReadMs = this.context.clock.nowMs();
    try {
      this.decoder.push(chunk, this.onHandshake, this.onAck);
    } catch (error) {
      if (!(error instanceof HAProtocolError)) throw error;
      this.close(error.message);
    }
  }

  private readonly onHandshake = (handshake: SlaveHandshake): void => {
    this.slaveId = handshake.slaveId;
    this.asyncLearner = handshake.asyncLearner;
    this.syncFromLastFile = handshake.syncFromLastFile;
    const { store } = this.context;
    const epochs = store.epochs.list();
    const lastEpoch = epochs[epochs.length - 1]?.epoch ?? -1;
    this.socket.write(encodeMasterHandshake({ masterMaxOffset: store.getMaxPhyOffset(), lastEpoch, epochs }));
    this.lastWriteMs = this.context.clock.nowMs();
    this.state = 'HANDSHAKE';
    this.context.logger.info(
      { slave: this.remoteAddress, slaveId: this.slaveId, asyncLearner: this.asyncLearner, epochs: epochs.length },
      'HA slave handshake',
    );
    this.context.onHandshake(this);
  };

  private readonly onAck = (offset: number): void => {
    if (this.state === 'SHUTDOWN') return;
    const { store } = this.context;
    if (this.state === 'HANDSHAKE') {
      const maxOffset = store.getMaxPhyOffset();
      if (offset > maxOffset)
        throw new HAProtocolError(`slave reports offset ${offset}, beyond the master's max offset ${maxOffset} (it should have truncated)`);
      if (offset !== 0 && offset < store.getMinPhyOffset())
        throw new HAProtocolError(`slave needs offset ${offset}, below the master's min offset ${store.getMinPhyOffset()}`);
      const segmentBytes = store.commitLogSegmentBytes();
      this.nextTransferOffset =
        offset !== 0 ? offset : this.syncFromLastFile ? maxOffset - (maxOffset % segmentBytes) : store.getMinPhyOffset();
      this.state = 'TRANSFER';
      this.context.logger.info(
        { slave: this.remoteAddress, slaveId: this.slaveId, ack: offset, streamFrom: this.nextTransferOffset, masterMaxOffset: maxOffset },
        'HA slave transferring',
      );
      this.wake();
    } else if (offset < this.ackOffsetValue)
      throw new HAProtocolError(`slave offset went backwards from ${this.ackOffsetValue} to ${offset}`);
    else if (offset > this.nextTransferOffset)
      throw new HAProtocolError(`slave acknowledges offset ${offset}, beyond what was sent (${this.nextTransferOffset})`);
    this.ackOffsetValue = offset;
    const nowMs = this.lastReadMs;
    if (offset >= store.getMaxPhyOffset()) this.lastCaughtUpMs = nowMs;
    else if (offset >= this.lastTransfer.maxOffset && this.lastTransfer.atMs > this.lastCaughtUpMs)
      this.lastCaughtUpMs = this.lastTransfer.atMs;
    this.context.onAck(this, offset);
  };

  /** The TRANSFER header for data starting at `offset`: the epoch that wrote it. */
  private headerAt(offset: number): { offset: number; epoch: number; epochStartOffset: number; confirmOffset: number } {
    const entry = this.epochAt(offset);
    return { offset, epoch: entry?.epoch ?? -1, epochStartOffset: entry?.startOffset ?? 0, confirmOffset: this.context.confirmOffset() };
  }

  private epochAt(offset: number): EpochEntry | undefined {
    const epochs = this.context.store.epochs.list();
    for (let index = epochs.length - 1; index >= 0; index--) {
      const entry = at(epochs, index, 'epochs');
      if (entry.startOffset <= offset) return entry;
    }
    return epochs[0];
  }

  /** Where the epoch holding `offset` ends (the next one's start), or the log's max. */
  private epochEnd(offset: number, maxOffset: number): number {
    for (const entry of this.context.store.epochs.list()) if (entry.startOffset > offset) return Math.min(entry.startOffset, maxOffset);
    return maxOffset;
  }

  private readonly runPump = (): void => {
    this.pumpScheduled = false;
    if (this.pumping || this.state !== 'TRANSFER') return;
    this.pumping = true;
    this.pump()
      .catch((error: unknown) => {
        rethrowInvariantViolation(error);
        this.context.logger.error({ err: error, slave: this.remoteAddress, offset: this.nextTransferOffset }, 'HA transfer failed');
        this.close('reading the commit log failed');
      })
      .finally(() => (this.pumping = false));
  };

  private async pump(): Promise<void> {
    const { store, config } = this.context;
    while (this.state === 'TRANSFER') {
      const maxOffset = store.getMaxPhyOffset();
      if (this.nextTransferOffset >= maxOffset) return;
      if (this.nextTransferOffset < store.getMinPhyOffset()) {
        this.close(`the slave needs offset ${this.nextTransferOffset}, already deleted on the master (min ${store.getMinPhyOffset()})`);
        return;
      }
      const until = this.epochEnd(this.nextTransferOffset, maxOffset);
      const chunk: CommitLogChunk | undefined = await store.readCommitLog(
        this.nextTransferOffset,
        Math.min(config.haReadAheadBytes, until - this.nextTransferOffset),
      );
      if (this.state !== 'TRANSFER') return;
      // Nothing readable below the max: a segment being rolled; the next append wakes the pump.
      if (chunk === undefined || chunk.buffer.length === 0) return;
      this.sendFrames(chunk.buffer, maxOffset);
      if (this.socket.writableNeedDrain) await drained(this.socket);
    }
  }

  private sendFrames(data: Buffer, maxOffset: number): void {
    const batch = this.context.config.haTransferBatchSize;
    this.socket.cork();
    for (let at = 0; at < data.length; at += batch) {
      const size = Math.min(batch, data.length - at);
      this.socket.write(encodeTransferHeader(this.headerAt(this.nextTransferOffset), size));
      this.socket.write(data.subarray(at, at + size));
      this.nextTransferOffset += size;
    }
    this.socket.uncork();
    this.lastWriteMs = this.context.clock.nowMs();
    this.lastTransfer = { maxOffset, atMs: this.lastWriteMs };
  }
}
