/**
 * The master's side of one slave connection (RocketMQ's HAConnection, docs/store-and-ha.md#replication).
 *
 * Read side: the slave's 8-byte offset reports. The first one says where to stream from (0 from
 * an empty slave means "the start of the master's last segment": a new slave does not copy
 * history); every later one is an ack. A report that is no offset, lies beyond what the master
 * has sent, or goes backwards closes the connection with that reason logged. What passes those
 * checks gives the invariant `ha.monotonic-ack`: the acks handed to the HAServer from one connection
 * never go down and never pass what was sent (SYNC_MASTER puts complete on them), asserted where
 * the ack is taken.
 *
 * Write side: frames [offset][size][bytes] of at most haTransferBatchSize, cut from commit-log
 * reads that never cross a segment end, so no frame does either. The pump runs while the slave
 * is behind, is woken by appends (at most once per event-loop turn), and waits for the socket to
 * drain when the slave reads slower than the master writes. A heartbeat frame (size 0) goes out
 * after haSendHeartbeatInterval without a write.
 *
 * Owner: the HAServer, which routes appends (`wake`) and its housekeeping tick (`tick`) here.
 */
import type { Socket } from 'node:net';

import { type Clock, InvariantViolation, type Logger, rethrowInvariantViolation } from '@rocketmq-ts/base';

import type { HAConfig } from '../ha-config';
import { HAProtocolError } from '../ha-protocol-error';
import type { CommitLogChunk, HAMasterStore } from '../ha-store';
import { encodeFrameHeader } from '../wire/ha-wire';
import { OffsetReportDecoder } from '../wire/offset-report-decoder';
import { drained, socketClosed } from '../net/socket-lifecycle';

export interface HAConnectionStats {
  readonly remoteAddress: string;
  readonly connectedAtMs: number;
  /** Where the slave asked to start (its first report); -1 until it reported. */
  readonly slaveRequestOffset: number;
  /** The slave's last report: everything below it is in the slave's commit log. */
  readonly slaveAckOffset: number;
  /** Master max offset minus the slave's ack. */
  readonly bytesBehind: number;
  /** When the last report arrived (clock ms); 0 before the first. */
  readonly lastAckMs: number;
  /**
   * When a report last covered everything the master had at that moment (clock ms); the connect
   * time until one does. With bytesBehind > 0, now minus this is how stale the slave's copy is.
   */
  readonly lastCaughtUpMs: number;
  /** The next byte the master will send. */
  readonly nextTransferOffset: number;
  /** Commit-log bytes sent (frame bodies). */
  readonly bytesSent: number;
}

export interface HAConnectionContext {
  readonly store: HAMasterStore;
  readonly config: HAConfig;
  readonly logger: Logger;
  readonly clock: Clock;
  readonly onAck: (offset: number) => void;
  readonly onClosed: (connection: HAConnection) => void;
}

export class HAConnection {
  readonly remoteAddress: string;
  private readonly connectedAtMs: number;
  private readonly reports = new OffsetReportDecoder();
  private slaveRequestOffset = -1;
  private slaveAckOffset = -1;
  private nextTransferOffset = -1;
  private lastReadMs: number;
  private lastWriteMs: number;
  private lastAckMs = 0;
  private lastCaughtUpMs: number;
  private bytesSent = 0;
  private pumping = false;
  private pumpScheduled = false;
  private closed = false;

  constructor(
    private readonly socket: Socket,
    private readonly context: HAConnectionContext,
  ) {
    this.remoteAddress = `${socket.remoteAddress ?? '?'}:${socket.remotePort ?? '?'}`;
    this.connectedAtMs = this.lastReadMs = this.lastWriteMs = this.lastCaughtUpMs = context.clock.nowMs();
    socket.setNoDelay(true);
    socket.on('data', (chunk: Buffer) => this.onData(chunk));
    socket.on('error', (error) => this.context.logger.info({ err: error, slave: this.remoteAddress }, 'HA connection error'));
    socket.on('close', () => this.close(undefined));
  }

  /** True once the slave has made its first report: only then does it count as a slave. */
  isSlave(): boolean {
    return this.slaveRequestOffset >= 0 && !this.closed;
  }

  /** New data on the master: stream it (on the next turn, so a burst of appends is one read). */
  wake(): void {
    if (this.pumping || this.pumpScheduled || this.nextTransferOffset < 0 || this.closed) return;
    this.pumpScheduled = true;
    setImmediate(this.runPump);
  }

  /** Housekeeping: close a silent slave, send a heartbeat on an idle stream. */
  tick(nowMs: number): void {
    if (this.closed) return;
    const silentMs = nowMs - this.lastReadMs;
    if (silentMs > this.context.config.haHousekeepingIntervalMs) {
      this.close(`no report from the slave for ${silentMs} ms (haHousekeepingInterval ${this.context.config.haHousekeepingIntervalMs} ms)`);
      return;
    }
    const idle = !this.pumping && !this.pumpScheduled && this.nextTransferOffset >= 0;
    if (idle && nowMs - this.lastWriteMs >= this.context.config.haSendHeartbeatIntervalMs) {
      this.socket.write(encodeFrameHeader(this.nextTransferOffset, 0));
      this.lastWriteMs = nowMs;
    }
  }

  /** Closes the connection; `reason` (a protocol breach) is logged as a warning. Idempotent. */
  close(reason: string | undefined): void {
    if (this.closed) return;
    this.closed = true;
    if (reason !== undefined) this.context.logger.warn({ slave: this.remoteAddress, reason }, `HA connection closed: ${reason}`);
    else this.context.logger.info({ slave: this.remoteAddress, ackOffset: this.slaveAckOffset }, 'HA slave disconnected');
    this.socket.destroy();
    this.context.onClosed(this);
  }

  /** Resolves once the socket is closed. */
  closedSocket(): Promise<void> {
    return socketClosed(this.socket);
  }

  ackOffset(): number {
    return this.slaveAckOffset;
  }

  stats(): HAConnectionStats {
    const maxOffset = this.context.store.getMaxPhyOffset();
    return {
      remoteAddress: this.remoteAddress,
      connectedAtMs: this.connectedAtMs,
      slaveRequestOffset: this.slaveRequestOffset,
      slaveAckOffset: this.slaveAckOffset,
      bytesBehind: this.slaveAckOffset < 0 ? maxOffset : Math.max(0, maxOffset - this.slaveAckOffset),
      lastAckMs: this.lastAckMs,
      lastCaughtUpMs: this.lastCaughtUpMs,
      nextTransferOffset: this.nextTransferOffset,
      bytesSent: this.bytesSent,
    };
  }

  private onData(chunk: Buffer): void {
    if (this.closed) return;
    this.lastReadMs = this.context.clock.nowMs();
    try {
      this.reports.push(chunk, this.onReport);
    } catch (error) {
      if (!(error instanceof HAProtocolError)) throw error;
      this.close(error.message);
    }
  }

  private readonly onReport = (offset: number): void => {
    if (this.closed) return;
    if (this.slaveRequestOffset < 0) this.startStream(offset);
    else if (offset < this.slaveAckOffset)
      throw new HAProtocolError(`slave offset went backwards from ${this.slaveAckOffset} to ${offset}`);
    else if (offset > this.nextTransferOffset)
      throw new HAProtocolError(`slave acknowledges offset ${offset}, beyond what was sent (${this.nextTransferOffset})`);
    if (offset < this.slaveAckOffset || offset > this.nextTransferOffset) {
      throw new InvariantViolation('ha.monotonic-ack', `ack ${offset} after ${this.slaveAckOffset}, ${this.nextTransferOffset} sent`);
    }
    this.slaveAckOffset = offset;
    this.lastAckMs = this.lastReadMs;
    if (offset >= this.context.store.getMaxPhyOffset()) this.lastCaughtUpMs = this.lastReadMs;
    this.context.onAck(offset);
  };

  private startStream(requestOffset: number): void {
    const { store } = this.context;
    const maxOffset = store.getMaxPhyOffset();
    if (requestOffset > maxOffset)
      throw new HAProtocolError(`slave reports offset ${requestOffset}, beyond the master's max offset ${maxOffset}`);
    if (requestOffset !== 0 && requestOffset < store.getMinPhyOffset()) {
      throw new HAProtocolError(`slave needs offset ${requestOffset}, but the master's commit log starts at ${store.getMinPhyOffset()}`);
    }
    const segmentBytes = store.commitLogSegmentBytes();
    this.slaveRequestOffset = requestOffset;
    this.nextTransferOffset = requestOffset === 0 ? maxOffset - (maxOffset % segmentBytes) : requestOffset;
    this.context.logger.info(
      { slave: this.remoteAddress, requestOffset, streamFrom: this.nextTransferOffset, masterMaxOffset: maxOffset },
      'HA slave connected',
    );
    this.wake();
  }

  private readonly runPump = (): void => {
    this.pumpScheduled = false;
    if (this.pumping || this.closed) return;
    this.pumping = true;
    this.pump().catch((error: unknown) => {
      rethrowInvariantViolation(error);
      this.context.logger.error({ err: error, slave: this.remoteAddress, offset: this.nextTransferOffset }, 'HA transfer failed');
      this.close('reading the commit log failed');
    });
  };

  /**
   * Streams until the slave has everything the master has; returns with no await after the last
   * check. While the socket drains, the next chunk is already being read.
   */
  private async pump(): Promise<void> {
    // Cleared in the same turn as the last check, so an append right after it schedules a new pump.
    try {
      const { store } = this.context;
      let prefetched: Promise<CommitLogChunk | undefined> | undefined;
      while (!this.closed) {
        const maxOffset = store.getMaxPhyOffset();
        if (this.nextTransferOffset >= maxOffset) return;
        if (this.nextTransferOffset < store.getMinPhyOffset()) {
          this.close(`the slave needs offset ${this.nextTransferOffset}, already deleted on the master (min ${store.getMinPhyOffset()})`);
          return;
        }
        const chunk = await (prefetched ?? this.readFrom(this.nextTransferOffset, maxOffset));
        prefetched = undefined;
        if (this.closed) return;
        // Nothing readable below the max: a segment being rolled; the next append wakes the pump.
        if (chunk === undefined || chunk.buffer.length === 0) return;
        this.sendFrames(chunk.buffer);
        if (this.socket.writableNeedDrain) {
          const nextMax = store.getMaxPhyOffset();
          if (this.nextTransferOffset < nextMax) prefetched = this.readFrom(this.nextTransferOffset, nextMax);
          await drained(this.socket);
        }
      }
    } finally {
      this.pumping = false;
    }
  }

  private readFrom(offset: number, maxOffset: number): Promise<CommitLogChunk | undefined> {
    const reading = this.context.store.readCommitLog(offset, Math.min(this.context.config.haReadAheadBytes, maxOffset - offset));
    // Marked handled: a read abandoned because the connection closed must not surface as
    // an unhandled rejection; one that is awaited still throws into the pump.
    reading.catch(() => undefined);
    return reading;
  }

  private sendFrames(data: Buffer): void {
    const batch = this.context.config.haTransferBatchSize;
    this.socket.cork();
    for (let at = 0; at < data.length; at += batch) {
      const size = Math.min(batch, data.length - at);
      this.socket.write(encodeFrameHeader(this.nextTransferOffset, size));
      this.socket.write(data.subarray(at, at + size));
      this.nextTransferOffset += size;
    }
    this.socket.uncork();
    this.bytesSent += data.length;
    this.lastWriteMs = this.context.clock.nowMs();
  }
}
