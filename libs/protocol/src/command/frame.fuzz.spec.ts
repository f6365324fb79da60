import { describe, expect, it } from 'vitest';

import { PullMessageRequestHeader } from '../headers/pull-message-request-header';
import { SendMessageRequestHeaderV2 } from '../headers/send-message-request-header-v2';
import { decodeFrame, encodeFrame, MAX_FRAME_BYTES } from './frame-codec';
import { FrameSplitter } from './frame-splitter';
import { LANGUAGE_NAMES } from './language-code';
import { ProtocolError } from './protocol-error';
import { type RemotingCommand, SerializeType } from './remoting-command';

/**
 * Fuzz: hostile byte streams through FrameSplitter + decodeFrame (+ two header decoders). Every
 * input must end in frames, RemotingCommands or ProtocolErrors, never another exception, and the
 * splitter must never hold more than the frame limit. Seeded, so every run sees the same inputs;
 * a failure reports the case number and seed.
 */
const SEED = 0x5eed_2026;
const CASES = 100_000;
/** Valid frames are encoded once and mutated many times: the fuzz budget goes to decoding. */
const POOL_SIZE = 2048;
const MAX_LENGTH_FIELD = MAX_FRAME_BYTES - 4;

/** mulberry32: small, fast, deterministic. */
function prng(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const random = prng(SEED);
const below = (n: number): number => Math.floor(random() * n);
const pick = <T>(items: readonly T[]): T => items[below(items.length)] as T;
const int32 = (): number => (random() * 0x1_0000_0000) | 0;

const WORDS = ['topic', 'TopicTest', 'a', 'queueId', '', 'é', '日本', '🎉', '0', '-1', '1.5', 'true', '{"x":1}', '\u0000'];

function randomCommand(): RemotingCommand {
  const rocketmq = random() < 0.4;
  const extFields: Record<string, string> = {};
  for (let index = below(5); index > 0; index--) extFields[pick(WORDS) || 'k'] = pick(WORDS) || 'v';
  return {
    code: rocketmq ? below(0x8000) : int32(),
    language: pick(LANGUAGE_NAMES),
    version: rocketmq ? below(0x8000) : int32(),
    opaque: int32(),
    flag: below(4),
    remark: random() < 0.3 ? pick(WORDS) || 'r' : undefined,
    extFields: random() < 0.8 ? extFields : undefined,
    body: random() < 0.5 ? Buffer.from(Array.from({ length: below(40) + 1 }, () => below(256))) : undefined,
    serializeType: rocketmq ? SerializeType.ROCKETMQ : SerializeType.JSON,
  };
}

/** A whole frame (length field included) around arbitrary header bytes. */
function wrap(serializeType: number, header: Buffer, body: Buffer = Buffer.alloc(0)): Buffer {
  const frame = Buffer.alloc(8 + header.length + body.length);
  frame.writeUInt32BE(4 + header.length + body.length, 0);
  frame.writeUInt32BE((((serializeType & 0xff) << 24) | (header.length & 0xffffff)) >>> 0, 4);
  header.copy(frame, 8);
  body.copy(frame, 8 + header.length);
  return frame;
}

const pool = Array.from({ length: POOL_SIZE }, () => encodeFrame(randomCommand()));
const validFrame = (): Buffer => pick(pool);

const BAD_JSON_HEADERS = [
  '[1]',
  '"x"',
  '3',
  'null',
  'true',
  '{}',
  '{"code":"105"}',
  '{"code":1.5}',
  '{"code":1e300}',
  '{"code":1,"opaque":"7"}',
  '{"code":1,"extFields":[1]}',
  '{"code":1,"extFields":"a"}',
  '{"code":1,"extFields":{"a":{}}}',
  '{"code":1,"extFields":{"a":[1]}}',
  '{"code":1,"extFields":{"queueId":1.5,"topic":null,"__proto__":"x"}}',
  '{"code":1,"language":5,"remark":7}',
  '{"code":1,',
  '{"code":1}}',
  '{"code":1,"extFields":{"consumerGroup":"g","topic":"t","queueId":"x"}}',
  '\u0000\u0001',
  '{"code":2147483648}',
];

function mutate(kind: number): Buffer {
  switch (kind) {
    case 0: // valid
      return validFrame();
    case 1: {
      // truncated
      const frame = validFrame();
      return frame.subarray(0, below(frame.length));
    }
    case 2: {
      // bit flips
      const frame = Buffer.from(validFrame());
      for (let flips = below(8) + 1; flips > 0; flips--) {
        const at = below(frame.length);
        frame[at] = (frame[at] ?? 0) ^ (1 << below(8));
      }
      return frame;
    }
    case 3: // random bytes
      return Buffer.from(Array.from({ length: below(64) }, () => below(256)));
    case 4: {
      // length field near and over the limit, followed by a little data
      const head = Buffer.alloc(4 + below(32));
      const length = pick([
        MAX_LENGTH_FIELD - below(8),
        MAX_LENGTH_FIELD + 1 + below(8),
        MAX_FRAME_BYTES,
        0x7fffffff,
        0xffffffff,
        below(4),
      ]);
      head.writeUInt32BE(length >>> 0, 0);
      return head;
    }
    case 5: {
      // header length past the frame
      const frame = Buffer.from(validFrame());
      const headerLength = frame.readUInt32BE(4) & 0xffffff;
      frame.writeUInt32BE((((frame[4] ?? 0) << 24) | (headerLength + 1 + below(0xffff))) >>> 0, 4);
      return frame;
    }
    case 6: {
      // bad serialize type
      const frame = Buffer.from(validFrame());
      frame[4] = 2 + below(254);
      return frame;
    }
    case 7: // garbage JSON
      return wrap(
        0,
        Buffer.from(Array.from({ length: below(48) }, () => pick(['{', '}', '"', ':', ',', '[', ']', 'a', '1', ' ', '\\', 'é'])).join('')),
      );
    case 8: // JSON that is not a valid header: not an object, wrong types
      return wrap(0, Buffer.from(pick(BAD_JSON_HEADERS)));
    default: {
      // ROCKETMQ header with a bad inner length
      const command = {
        ...randomCommand(),
        serializeType: SerializeType.ROCKETMQ,
        code: 1,
        version: 1,
        remark: 'r',
        extFields: { k: 'v' },
      };
      const frame = Buffer.from(encodeFrame(command));
      const remarkLengthAt = 8 + 13;
      const extLengthAt = remarkLengthAt + 4 + 1;
      const at = pick([remarkLengthAt, extLengthAt, extLengthAt + 4, extLengthAt + 4 + 2 + 1]);
      if (at === extLengthAt + 4) frame.writeInt16BE(pick([-1, 0x7fff, 200, 2]), at);
      else frame.writeInt32BE(pick([-1, 0x7fffffff, 1000, 5, 0x80000000 | 0]), at);
      return frame;
    }
  }
}

function expectProtocolError(error: unknown, what: string): void {
  if (!(error instanceof ProtocolError)) throw new Error(`${what} threw ${String(error)} (seed ${SEED})`);
}

describe('Protocol > frame fuzz', () => {
  it(`${CASES} hostile streams end in commands or ProtocolErrors, never more than the limit held`, () => {
    const outcomes = { commands: 0, frameErrors: 0, splitErrors: 0, headerErrors: 0 };
    for (let index = 0; index < CASES; index++) {
      const stream = mutate(index % 10);
      const splitter = new FrameSplitter();
      const frames: Buffer[] = [];
      try {
        for (let at = 0; at < stream.length;) {
          const size = 1 + below(stream.length - at);
          frames.push(...splitter.push(stream.subarray(at, at + size)));
          at += size;
          if (splitter.pendingBytes > MAX_FRAME_BYTES) throw new Error(`case ${index}: ${splitter.pendingBytes} bytes held`);
        }
      } catch (error) {
        expectProtocolError(error, `case ${index} (splitter)`);
        outcomes.splitErrors++;
      }
      expect(splitter.pendingBytes).toBeLessThanOrEqual(MAX_FRAME_BYTES);
      for (const frame of frames) {
        let command: RemotingCommand;
        try {
          command = decodeFrame(frame);
        } catch (error) {
          expectProtocolError(error, `case ${index} (decodeFrame)`);
          outcomes.frameErrors++;
          continue;
        }
        outcomes.commands++;
        for (const decode of [PullMessageRequestHeader.decode, SendMessageRequestHeaderV2.decodeAsV1]) {
          try {
            decode(command.extFields);
          } catch (error) {
            expectProtocolError(error, `case ${index} (header)`);
            outcomes.headerErrors++;
          }
        }
      }
    }
    // Every path was exercised, not just the happy one.
    expect(outcomes.commands).toBeGreaterThan(CASES / 10);
    expect(outcomes.frameErrors).toBeGreaterThan(CASES / 20);
    expect(outcomes.splitErrors).toBeGreaterThan(CASES / 50);
    expect(outcomes.headerErrors).toBeGreaterThan(0);
  });

  it('rejects an oversized length as soon as its 4 bytes arrive, holding nothing', () => {
    const splitter = new FrameSplitter();
    const head = Buffer.alloc(4);
    head.writeUInt32BE(MAX_LENGTH_FIELD + 1, 0);
    expect(() => splitter.push(head.subarray(0, 3))).not.toThrow();
    expect(splitter.pendingBytes).toBe(3);
    expect(() => splitter.push(head.subarray(3))).toThrow(ProtocolError);
    expect(splitter.pendingBytes).toBe(0);
  });

  it('accepts the largest legal length and buffers at most the limit for it', () => {
    const splitter = new FrameSplitter();
    const head = Buffer.alloc(4);
    head.writeUInt32BE(MAX_LENGTH_FIELD, 0);
    expect(splitter.push(head)).toEqual([]);
    const chunk = Buffer.alloc(1024 * 1024);
    while (splitter.pendingBytes + chunk.length < MAX_FRAME_BYTES) {
      expect(splitter.push(chunk)).toEqual([]);
    }
    expect(splitter.pendingBytes).toBeLessThan(MAX_FRAME_BYTES);
    const frames = splitter.push(Buffer.alloc(MAX_FRAME_BYTES - splitter.pendingBytes));
    expect(frames.map((frame) => frame.length)).toEqual([MAX_LENGTH_FIELD]);
    expect(splitter.pendingBytes).toBe(0);
  });
});
