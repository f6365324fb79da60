import { at } from '@rocketmq-ts/base';

import { LENGTH_FIELD_BYTES, MAX_FRAME_BYTES } from './frame-codec';
import { ProtocolError } from './protocol-error';

/**
 * Cuts a TCP byte stream into frames at their 4-byte big-endian length field, whatever the
 * chunking. A length below 4 or past the frame limit is rejected as soon as its 4 bytes arrive,
 * before any of the frame is buffered, so a hostile peer cannot make us hold more than the limit:
 * after push() returns, pendingBytes < 4 + the next frame's length ≤ maxFrameBytes.
 */
export class FrameSplitter {
  private chunks: Buffer[] = [];
  private bufferedBytes = 0;

  constructor(private readonly maxFrameBytes: number = MAX_FRAME_BYTES) {}

  /** Feeds one chunk; returns every frame it completes (each without its length field). */
  push(chunk: Buffer): Buffer[] {
    if (chunk.length > 0) {
      this.chunks.push(chunk);
      this.bufferedBytes += chunk.length;
    }
    const frames: Buffer[] = [];
    for (;;) {
      if (this.bufferedBytes < LENGTH_FIELD_BYTES) return frames;
      const length = this.peekLength();
      if (length < 4 || length > this.maxFrameBytes - LENGTH_FIELD_BYTES) {
        // The connection is done for; drop what we hold so a bad peer pins no memory.
        this.chunks = [];
        this.bufferedBytes = 0;
        throw new ProtocolError(`frame length ${length} outside [4, ${this.maxFrameBytes - LENGTH_FIELD_BYTES}]`);
      }
      if (this.bufferedBytes < LENGTH_FIELD_BYTES + length) return frames;
      this.consume(LENGTH_FIELD_BYTES);
      frames.push(this.consume(length));
    }
  }

  /** Bytes held for a frame not yet complete. */
  get pendingBytes(): number {
    return this.bufferedBytes;
  }

  private peekLength(): number {
    const first = at(this.chunks, 0, 'buffered chunks');
    if (first.length >= LENGTH_FIELD_BYTES) return first.readUInt32BE(0);
    const bytes = Buffer.allocUnsafe(LENGTH_FIELD_BYTES);
    let filled = 0;
    for (const chunk of this.chunks) {
      filled += chunk.copy(bytes, filled, 0, Math.min(chunk.length, LENGTH_FIELD_BYTES - filled));
      if (filled === LENGTH_FIELD_BYTES) break;
    }
    return bytes.readUInt32BE(0);
  }

  /** Takes `count` bytes off the front: a view when one chunk holds them, else one copy. */
  private consume(count: number): Buffer {
    this.bufferedBytes -= count;
    const first = at(this.chunks, 0, 'buffered chunks');
    if (first.length >= count) {
      const taken = first.subarray(0, count);
      if (first.length === count) this.chunks.shift();
      else this.chunks[0] = first.subarray(count);
      return taken;
    }
    const out = Buffer.allocUnsafe(count);
    let filled = 0;
    while (filled < count) {
      const chunk = at(this.chunks, 0, 'buffered chunks');
      const take = Math.min(chunk.length, count - filled);
      chunk.copy(out, filled, 0, take);
      filled += take;
      if (take === chunk.length) this.chunks.shift();
      else this.chunks[0] = chunk.subarray(take);
    }
    return out;
  }
}
