import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import { decodeFrame, encodeFrame } from './frame-codec';
import { FrameSplitter } from './frame-splitter';
import { LANGUAGE_NAMES } from './language-code';
import { type RemotingCommand, SerializeType } from './remoting-command';

const RUN = { seed: 20261121, numRuns: 300 } as const;

const int32 = fc.integer({ min: -0x80000000, max: 0x7fffffff });
const int16 = fc.integer({ min: -0x8000, max: 0x7fff });
const text = fc.string({ unit: 'binary', maxLength: 40 });
const nonEmptyText = fc.string({ unit: 'binary', minLength: 1, maxLength: 40 });
const body = fc.option(
  fc.uint8Array({ minLength: 1, maxLength: 256 }).map((bytes) => Buffer.from(bytes)),
  { nil: undefined },
);
const language = fc.constantFrom(...LANGUAGE_NAMES);

/** JSON headers carry any int32 code and any strings. */
const jsonCommand: fc.Arbitrary<RemotingCommand> = fc.record({
  code: int32,
  language,
  version: int32,
  opaque: int32,
  flag: int32,
  remark: fc.option(text, { nil: undefined }),
  extFields: fc.option(fc.dictionary(text, text, { maxKeys: 6 }), { nil: undefined }),
  body,
  serializeType: fc.constant(SerializeType.JSON),
});

/** ROCKETMQ headers: code and version are int16, and empty remarks, keys or values read as absent. */
const rocketmqCommand: fc.Arbitrary<RemotingCommand> = fc.record({
  code: int16,
  language,
  version: int16,
  opaque: int32,
  flag: int32,
  remark: fc.option(nonEmptyText, { nil: undefined }),
  extFields: fc.option(fc.dictionary(nonEmptyText, nonEmptyText, { minKeys: 1, maxKeys: 6 }), { nil: undefined }),
  body,
  serializeType: fc.constant(SerializeType.ROCKETMQ),
});

describe('Protocol > RemotingCommand > properties', () => {
  it.each([
    ['JSON', jsonCommand],
    ['ROCKETMQ', rocketmqCommand],
  ])('decode(encode(x)) = x with %s headers', (_name, commands) => {
    fc.assert(
      fc.property(commands, (command) => void expect(decodeFrame(encodeFrame(command).subarray(4))).toEqual(command)),
      RUN,
    );
  });

  it('the splitter yields the same frames whatever the chunking', () => {
    fc.assert(
      fc.property(
        fc.array(fc.oneof(jsonCommand, rocketmqCommand), { minLength: 1, maxLength: 5 }),
        fc.array(fc.integer({ min: 1, max: 64 }), { minLength: 1 }),
        (commands, cuts) => {
          const stream = Buffer.concat(commands.map((command) => encodeFrame(command)));
          const splitter = new FrameSplitter();
          const frames: Buffer[] = [];
          for (let at = 0, cut = 0; at < stream.length; cut++) {
            const size = cuts[cut % cuts.length] ?? 1;
            frames.push(...splitter.push(stream.subarray(at, at + size)));
            at += size;
          }
          expect(splitter.pendingBytes).toBe(0);
          expect(frames.map((frame) => decodeFrame(frame))).toEqual(commands);
        },
      ),
      { ...RUN, numRuns: 100 },
    );
  });
});
