/**
 * A CommitLogReader over an in-memory log, for specs of what is derived from the commit log
 * (consume queues, index, dispatch). Records are encoded with the model's encoder into segments
 * of `segmentBytes`, closed by a BLANK marker as the real commit log does (docs/store-and-ha.md#commit-log).
 */
import { at } from '@rocketmq-ts/base';
import { encodeMessageRecord, END_FILE_MIN_BLANK_BYTES, type MessageRecordFields, writeEndOfFileMarkerInto } from '@rocketmq-ts/model';

import type { CommitLogReader } from '../store-internals';

export type FakeRecord = Omit<
  MessageRecordFields,
  | 'physicalOffset'
  | 'bornHost'
  | 'storeHost'
  | 'flag'
  | 'bornTimestamp'
  | 'reconsumeTimes'
  | 'preparedTransactionOffset'
  | 'sysFlag'
  | 'body'
> &
  Partial<Pick<MessageRecordFields, 'sysFlag' | 'body'>>;

const HOST = { ip: new Uint8Array([127, 0, 0, 1]), port: 10911 };

export class FakeCommitLogReader implements CommitLogReader {
  private readonly segments: Buffer[] = [];
  private writeOffset = 0;
  private readonly listeners: Array<() => void> = [];
  /** When set, the dispatcher may not read past it (SYNC_FLUSH horizon). */
  confirmLimit: number | undefined;

  constructor(readonly segmentBytes = 4096) {}

  /** Appends one record and returns its commit-log offset. */
  append(record: FakeRecord): number {
    const probe = this.encode(record, 0);
    let position = this.writeOffset % this.segmentBytes;
    if (position + probe.length + END_FILE_MIN_BLANK_BYTES > this.segmentBytes) {
      writeEndOfFileMarkerInto(this.segmentAt(this.writeOffset), position, this.segmentBytes - position);
      this.writeOffset += this.segmentBytes - position;
      position = 0;
    }
    const offset = this.writeOffset;
    this.encode(record, offset).copy(this.segmentAt(offset), position);
    this.writeOffset += probe.length;
    for (const listener of this.listeners) listener();
    return offset;
  }

  minOffset(): number {
    return 0;
  }

  maxOffset(): number {
    return this.writeOffset;
  }

  flushedOffset(): number {
    return this.writeOffset;
  }

  confirmOffset(): number {
    return this.confirmLimit ?? this.writeOffset;
  }

  async read(offset: number, size: number): Promise<Buffer | undefined> {
    const chunk = await this.readChunk(offset, size);
    return chunk !== undefined && chunk.buffer.length >= size ? chunk.buffer.subarray(0, size) : undefined;
  }

  async readChunk(offset: number, maxBytes: number): Promise<{ readonly startOffset: number; readonly buffer: Buffer } | undefined> {
    if (offset < 0 || offset >= this.writeOffset) return undefined;
    const segment = this.segments[Math.floor(offset / this.segmentBytes)];
    if (segment === undefined) return undefined;
    const position = offset % this.segmentBytes;
    const segmentEnd = Math.min(this.segmentBytes, this.writeOffset - (offset - position));
    const end = Math.min(segmentEnd, position + maxBytes);
    return { startOffset: offset, buffer: Buffer.from(segment.subarray(position, end)) };
  }

  rollNextFile(offset: number): number {
    return offset + this.segmentBytes - (offset % this.segmentBytes);
  }

  onAppended(listener: () => void): () => void {
    this.listeners.push(listener);
    return () => this.listeners.splice(this.listeners.indexOf(listener), 1);
  }

  private encode(record: FakeRecord, physicalOffset: number): Buffer {
    return encodeMessageRecord({
      flag: 0,
      bornTimestamp: record.storeTimestamp,
      bornHost: HOST,
      storeHost: HOST,
      reconsumeTimes: 0,
      preparedTransactionOffset: 0,
      sysFlag: 0,
      body: Buffer.from('body'),
      ...record,
      physicalOffset,
    });
  }

  private segmentAt(offset: number): Buffer {
    const index = Math.floor(offset / this.segmentBytes);
    while (this.segments.length <= index) this.segments.push(Buffer.alloc(this.segmentBytes));
    return at(this.segments, index, 'segments');
  }
}
