/**
 * The slave's frame parser against every way TCP can split a stream: random chunk boundaries
 * (inside headers, inside bodies, several frames per chunk), heartbeats, and garbage.
 */
import { randomBytes } from 'node:crypto';

import { describe, expect, it } from 'vitest';

import { HAProtocolError } from '../ha-protocol-error';
import { HAFrameDecoder } from './frame-decoder';
import { encodeFrameHeader, encodeOffsetReport, readOffset } from './ha-wire';
import { OffsetReportDecoder } from './offset-report-decoder';

interface Frame {
  readonly offset: number;
  readonly body: Buffer;
}

/** A deterministic PRNG (mulberry32), so a failing split can be replayed from its seed. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function makeFrames(next: () => number, count: number, startOffset: number): Frame[] {
  const frames: Frame[] = [];
  let offset = startOffset;
  for (let i = 0; i < count; i++) {
    const size = next() < 0.15 ? 0 : Math.floor(next() * 4096);
    frames.push({ offset, body: randomBytes(size) });
    offset += size;
  }
  return frames;
}

function encode(frames: readonly Frame[]): Buffer {
  return Buffer.concat(frames.flatMap((frame) => [encodeFrameHeader(frame.offset, frame.body.length), frame.body]));
}

function splitRandomly(stream: Buffer, next: () => number, maxChunk: number): Buffer[] {
  const chunks: Buffer[] = [];
  for (let at = 0; at < stream.length;) {
    const size = Math.min(stream.length - at, 1 + Math.floor(next() * maxChunk));
    // Copies, as sockets hand out fresh buffers: the decoder must not rely on a chunk outliving push().
    chunks.push(Buffer.from(stream.subarray(at, at + size)));
    at += size;
  }
  return chunks;
}

describe('HA > frame decoder', () => {
  it.each([1, 2, 3, 4, 5, 6, 7, 8])('decodes the same frames from any chunking (seed %i)', (seed) => {
    const next = random(seed);
    const frames = makeFrames(next, 300, 5 * 1024 * 1024 * 1024);
    const stream = encode(frames);
    const decoder = new HAFrameDecoder(4096);
    const decoded: Frame[] = [];
    for (const chunk of splitRandomly(stream, next, [1, 13, 500, 20_000][seed % 4] as number)) {
      decoder.push(chunk, (offset, body) => decoded.push({ offset, body: Buffer.from(body) }));
    }
    expect(decoder.bufferedBytes()).toBe(0);
    expect(decoded.length).toBe(frames.length);
    decoded.forEach((frame, index) => {
      expect(frame.offset).toBe(frames[index]?.offset);
      expect(frame.body.equals(frames[index]?.body ?? Buffer.alloc(0))).toBe(true);
    });
  });

  it('holds back an incomplete frame until its last byte arrives', () => {
    const decoder = new HAFrameDecoder(100);
    const stream = encode([{ offset: 7, body: Buffer.from('hello') }]);
    const seen: string[] = [];
    decoder.push(stream.subarray(0, stream.length - 1), (_, body) => seen.push(body.toString()));
    expect(seen).toEqual([]);
    expect(decoder.bufferedBytes()).toBe(stream.length - 1);
    decoder.push(stream.subarray(stream.length - 1), (_, body) => seen.push(body.toString()));
    expect(seen).toEqual(['hello']);
  });

  it('refuses a body size beyond the batch limit or negative, and an offset that is no offset', () => {
    const oversized = encodeFrameHeader(0, 101);
    expect(() => new HAFrameDecoder(100).push(oversized, () => undefined)).toThrow(HAProtocolError);
    const negative = encodeFrameHeader(0, 0);
    negative.writeInt32BE(-1, 8);
    expect(() => new HAFrameDecoder(100).push(negative, () => undefined)).toThrow(/outside 0\.\.100/);
    const garbage = Buffer.from('GET / HTTP/1.1\r\n\r\n');
    garbage.writeInt32BE(0, 8);
    expect(() => new HAFrameDecoder(100).push(garbage, () => undefined)).toThrow(/not a commit-log offset/);
  });

  it('starts clean after reset (a new connection)', () => {
    const decoder = new HAFrameDecoder(100);
    decoder.push(encodeFrameHeader(0, 50).subarray(0, 5), () => undefined);
    decoder.reset();
    const seen: number[] = [];
    decoder.push(encode([{ offset: 9, body: Buffer.from('x') }]), (offset) => seen.push(offset));
    expect(seen).toEqual([9]);
  });
});

describe('HA > offset reports', () => {
  it('round-trips offsets up to 2^53 - 1 and refuses larger or negative ones', () => {
    for (const offset of [0, 1, 2 ** 32 - 1, 2 ** 32, 123_456_789_012, Number.MAX_SAFE_INTEGER]) {
      expect(readOffset(encodeOffsetReport(offset), 0)).toBe(offset);
    }
    const negative = Buffer.alloc(8, 0xff);
    expect(() => readOffset(negative, 0)).toThrow(HAProtocolError);
    const tooLarge = Buffer.alloc(8);
    tooLarge.writeUInt32BE(0x20_0000, 0);
    expect(() => readOffset(tooLarge, 0)).toThrow(HAProtocolError);
  });

  it.each([1, 3, 5, 7, 9, 64])('decodes reports split into chunks of %i bytes', (chunkBytes) => {
    const offsets = Array.from({ length: 50 }, (_, i) => i * 1_000_003 + 2 ** 33);
    const stream = Buffer.concat(offsets.map(encodeOffsetReport));
    const decoder = new OffsetReportDecoder();
    const seen: number[] = [];
    for (let at = 0; at < stream.length; at += chunkBytes)
      decoder.push(stream.subarray(at, at + chunkBytes), (offset) => seen.push(offset));
    expect(seen).toEqual(offsets);
  });
});
