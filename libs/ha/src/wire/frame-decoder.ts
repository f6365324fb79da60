/**
 * The slave's cut of the master's byte stream into frames (ha-wire.ts). TCP delivers any split:
 * a chunk may hold several frames, end inside a header, or inside a body.
 *
 * Whole frames inside a chunk are handed out as views into that chunk (no copy); only a frame cut
 * by a chunk end is gathered in a buffer that grows to the largest frame seen. A body is valid
 * only during the `onFrame` call: the caller must consume it synchronously (the slave writes it
 * to its commit log with a synchronous pwrite).
 */
import { HAProtocolError } from '../ha-protocol-error';
import { FRAME_HEADER_BYTES, readOffset } from './ha-wire';

export type FrameHandler = (offset: number, body: Buffer) => void;

export class HAFrameDecoder {
  private pending: Buffer = Buffer.alloc(0);
  private pendingStart = 0;
  private pendingEnd = 0;

  /** `maxBodyBytes`: a larger size field is garbage, not a frame (the master sends at most haTransferBatchSize). */
  constructor(private readonly maxBodyBytes: number) {}

  /** Hands every complete frame to `onFrame`, in order, and keeps the rest. Throws HAProtocolError. */
  push(chunk: Buffer, onFrame: FrameHandler): void {
    if (this.pendingEnd === this.pendingStart) {
      const consumed = this.decode(chunk, 0, chunk.length, onFrame);
      this.keep(chunk, consumed, chunk.length);
      return;
    }
    this.keep(chunk, 0, chunk.length);
    this.pendingStart = this.decode(this.pending, this.pendingStart, this.pendingEnd, onFrame);
    if (this.pendingStart === this.pendingEnd) this.pendingStart = this.pendingEnd = 0;
  }

  /** Bytes of an incomplete frame held back. */
  bufferedBytes(): number {
    return this.pendingEnd - this.pendingStart;
  }

  /** Drops a partial frame (a new connection starts a new stream). */
  reset(): void {
    this.pendingStart = this.pendingEnd = 0;
  }

  /** Decodes whole frames in data[from, to); returns where the first incomplete one starts. */
  private decode(data: Buffer, from: number, to: number, onFrame: FrameHandler): number {
    let at = from;
    while (to - at >= FRAME_HEADER_BYTES) {
      const size = data.readInt32BE(at + 8);
      if (size < 0 || size > this.maxBodyBytes) throw new HAProtocolError(`frame body size ${size} is outside 0..${this.maxBodyBytes}`);
      const offset = readOffset(data, at);
      const end = at + FRAME_HEADER_BYTES + size;
      if (end > to) break;
      onFrame(offset, data.subarray(at + FRAME_HEADER_BYTES, end));
      at = end;
    }
    return at;
  }

  /** Appends source[from, to) to the pending bytes, compacting or growing the buffer as needed. */
  private keep(source: Buffer, from: number, to: number): void {
    const length = to - from;
    if (length === 0) return;
    if (this.pendingEnd + length > this.pending.length) {
      const held = this.pendingEnd - this.pendingStart;
      const target =
        held + length > this.pending.length
          ? Buffer.allocUnsafe(Math.max(held + length, this.pending.length * 2, 64 * 1024))
          : this.pending;
      this.pending.copy(target, 0, this.pendingStart, this.pendingEnd);
      this.pending = target;
      this.pendingStart = 0;
      this.pendingEnd = held;
    }
    source.copy(this.pending, this.pendingEnd, from, to);
    this.pendingEnd += length;
  }
}
