// Binary encoding of Raft messages for the TCP transport. A frame is [u32 length][body]; the body is
// [u8 type][fields], integers big-endian, u64 values carried as two u32 halves (they stay below 2^53).
// See docs/raft.md#wire-format.
import { readSafeInt64, writeInt64 } from '@rocketmq-ts/base';

import type { LogEntry, RaftMessage } from '../messages';

export const MAX_FRAME_BYTES = 64 * 1024 * 1024;

export class RaftCodecError extends Error {
  override readonly name = 'RaftCodecError';
}

const TYPE_CODES = { 'vote-request': 1, 'vote-reply': 2, 'append-request': 3, 'append-reply': 4, 'snapshot-request': 5 } as const;

class Writer {
  private chunks: Buffer[] = [];
  private size = 0;

  private push(chunk: Buffer): void {
    this.chunks.push(chunk);
    this.size += chunk.length;
  }

  u8(value: number): void {
    this.push(Buffer.from([value]));
  }

  u32(value: number): void {
    const chunk = Buffer.allocUnsafe(4);
    chunk.writeUInt32BE(value >>> 0);
    this.push(chunk);
  }

  u64(value: number): void {
    const chunk = Buffer.allocUnsafe(8);
    writeInt64(chunk, value, 0);
    this.push(chunk);
  }

  bytes(value: Uint8Array): void {
    this.u32(value.byteLength);
    this.push(Buffer.from(value.buffer, value.byteOffset, value.byteLength));
  }

  text(value: string): void {
    this.bytes(Buffer.from(value, 'utf8'));
  }

  frame(): Buffer {
    const header = Buffer.allocUnsafe(4);
    header.writeUInt32BE(this.size);
    return Buffer.concat([header, ...this.chunks], 4 + this.size);
  }
}

class Reader {
  private offset = 0;

  constructor(private readonly body: Buffer) {}

  private need(count: number): void {
    if (this.offset + count > this.body.length)
      throw new RaftCodecError(`frame truncated: need ${count} bytes at offset ${this.offset} of ${this.body.length}`);
  }

  u8(): number {
    this.need(1);
    return this.body.readUInt8(this.offset++);
  }

  u32(): number {
    this.need(4);
    const value = this.body.readUInt32BE(this.offset);
    this.offset += 4;
    return value;
  }

  u64(): number {
    this.need(8);
    const value = readSafeInt64(this.body, this.offset);
    if (value === undefined || value < 0)
      throw new RaftCodecError(`u64 0x${this.body.toString('hex', this.offset, this.offset + 8)} beyond 2^53`);
    this.offset += 8;
    return value;
  }

  bytes(): Uint8Array {
    const length = this.u32();
    this.need(length);
    const value = new Uint8Array(this.body.subarray(this.offset, this.offset + length));
    this.offset += length;
    return value;
  }

  text(): string {
    return Buffer.from(this.bytes()).toString('utf8');
  }

  bool(): boolean {
    const value = this.u8();
    if (value > 1) throw new RaftCodecError(`boolean byte ${value}`);
    return value === 1;
  }

  end(): void {
    if (this.offset !== this.body.length) throw new RaftCodecError(`${this.body.length - this.offset} trailing bytes`);
  }
}

function writeEntry(writer: Writer, entry: LogEntry): void {
  writer.u64(entry.index);
  writer.u64(entry.term);
  writer.u8(entry.kind === 'noop' ? 1 : 0);
  writer.bytes(entry.data);
}

function readEntry(reader: Reader): LogEntry {
  const index = reader.u64();
  const term = reader.u64();
  const kind = reader.u8();
  if (kind > 1) throw new RaftCodecError(`entry kind ${kind}`);
  return { index, term, kind: kind === 1 ? 'noop' : 'command', data: reader.bytes() };
}

/** One length-prefixed frame. */
export function encodeFrame(message: RaftMessage): Buffer {
  const writer = new Writer();
  writer.u8(TYPE_CODES[message.type]);
  writer.text(message.from);
  writer.u64(message.term);
  switch (message.type) {
    case 'vote-request':
      writer.u8(message.preVote ? 1 : 0);
      writer.u64(message.lastLogIndex);
      writer.u64(message.lastLogTerm);
      break;
    case 'vote-reply':
      writer.u8(message.preVote ? 1 : 0);
      writer.u8(message.granted ? 1 : 0);
      break;
    case 'append-request':
      writer.u64(message.prevLogIndex);
      writer.u64(message.prevLogTerm);
      writer.u64(message.leaderCommit);
      writer.u32(message.entries.length);
      for (const entry of message.entries) writeEntry(writer, entry);
      break;
    case 'append-reply':
      writer.u8(message.success ? 1 : 0);
      writer.u64(message.matchIndex);
      writer.u64(message.retryFrom);
      break;
    case 'snapshot-request':
      writer.u64(message.lastIncludedIndex);
      writer.u64(message.lastIncludedTerm);
      writer.bytes(message.data);
      break;
  }
  return writer.frame();
}

/** Decodes one frame body (without its length prefix); throws RaftCodecError on anything malformed. */
export function decodeBody(body: Buffer): RaftMessage {
  const reader = new Reader(body);
  const code = reader.u8();
  const from = reader.text();
  const term = reader.u64();
  let message: RaftMessage;
  switch (code) {
    case 1:
      message = { type: 'vote-request', from, term, preVote: reader.bool(), lastLogIndex: reader.u64(), lastLogTerm: reader.u64() };
      break;
    case 2:
      message = { type: 'vote-reply', from, term, preVote: reader.bool(), granted: reader.bool() };
      break;
    case 3: {
      const prevLogIndex = reader.u64();
      const prevLogTerm = reader.u64();
      const leaderCommit = reader.u64();
      const count = reader.u32();
      if (count > body.length) throw new RaftCodecError(`entry count ${count} larger than the frame`);
      const entries: LogEntry[] = [];
      for (let i = 0; i < count; i += 1) entries.push(readEntry(reader));
      message = { type: 'append-request', from, term, prevLogIndex, prevLogTerm, leaderCommit, entries };
      break;
    }
    case 4:
      message = { type: 'append-reply', from, term, success: reader.bool(), matchIndex: reader.u64(), retryFrom: reader.u64() };
      break;
    case 5:
      message = {
        type: 'snapshot-request',
        from,
        term,
        lastIncludedIndex: reader.u64(),
        lastIncludedTerm: reader.u64(),
        data: reader.bytes(),
      };
      break;
    default:
      throw new RaftCodecError(`unknown message type ${code}`);
  }
  reader.end();
  return message;
}

/** Splits a byte stream into frame bodies. `push` throws RaftCodecError when a length prefix is out of bounds. */
export class FrameReader {
  private buffered: Buffer = Buffer.alloc(0);

  constructor(private readonly maxFrameBytes = MAX_FRAME_BYTES) {}

  push(chunk: Buffer): Buffer[] {
    this.buffered = this.buffered.length === 0 ? chunk : Buffer.concat([this.buffered, chunk]);
    const bodies: Buffer[] = [];
    while (this.buffered.length >= 4) {
      const length = this.buffered.readUInt32BE(0);
      if (length === 0 || length > this.maxFrameBytes) throw new RaftCodecError(`frame length ${length} outside 1..${this.maxFrameBytes}`);
      if (this.buffered.length < 4 + length) break;
      bodies.push(this.buffered.subarray(4, 4 + length));
      this.buffered = this.buffered.subarray(4 + length);
    }
    return bodies;
  }
}
