import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

import { describe, expect, it } from 'vitest';

import { decodeFrame, encodeFrame } from './frame-codec';
import { FrameSplitter } from './frame-splitter';
import { ProtocolError } from './protocol-error';
import { type RemotingCommand, SerializeType } from './remoting-command';

const GOLDEN_DIR = join(__dirname, '__fixtures__');
const CAPTURED_DIR = join(__dirname, '..', '__fixtures__', 'captured');

interface FixtureFile {
  readonly name: string;
  readonly bytes: Buffer;
}

/** `.hex`: hex digits, whitespace and `#` comment lines ignored; `.bin`: raw bytes. */
function loadFixtureFiles(directory: string): FixtureFile[] {
  let names: string[];
  try {
    names = readdirSync(directory).sort();
  } catch {
    return [];
  }
  return names.flatMap((name) => {
    const path = join(directory, name);
    if (name.endsWith('.bin')) return [{ name, bytes: readFileSync(path) }];
    if (!name.endsWith('.hex')) return [];
    const hex = readFileSync(path, 'utf8')
      .split('\n')
      .filter((line) => !line.trimStart().startsWith('#'))
      .join('')
      .replace(/\s+/g, '');
    if (!/^([0-9a-fA-F]{2})*$/.test(hex)) throw new Error(`${name}: not an even run of hex digits`);
    return [{ name, bytes: Buffer.from(hex, 'hex') }];
  });
}

function splitAll(bytes: Buffer): Buffer[] {
  const splitter = new FrameSplitter();
  const frames = splitter.push(bytes);
  expect(splitter.pendingBytes).toBe(0);
  return frames;
}

const golden = loadFixtureFiles(GOLDEN_DIR);
const captured = loadFixtureFiles(CAPTURED_DIR);
// Both lists feed the same checks, so the spec has cases even before captures arrive.
const allFixtures = [...golden.map((file) => ['golden', file] as const), ...captured.map((file) => ['captured', file] as const)];

const GET_ROUTE: RemotingCommand = {
  code: 105,
  language: 'JAVA',
  version: 479,
  opaque: 7,
  flag: 0,
  remark: undefined,
  extFields: { topic: 'TopicTest' },
  body: undefined,
  serializeType: SerializeType.JSON,
};

describe('Protocol > fixtures > frames', () => {
  it('has the hand-made golden frames (docs/remoting-protocol.md#frames-and-headers)', () => {
    expect(golden.map((file) => file.name)).toEqual(['broker-reply-json.hex', 'get-route-json.hex', 'get-route-rocketmq.hex']);
  });

  it.each(allFixtures)('%s %o decodes every frame and re-encodes it byte for byte', (_kind, file) => {
    const frames = splitAll(file.bytes);
    expect(frames.length).toBeGreaterThan(0);
    for (const frame of frames) {
      let command: RemotingCommand;
      try {
        command = decodeFrame(frame);
      } catch (error) {
        expect.unreachable(`${file.name}: ${error instanceof ProtocolError ? error.reason : String(error)}`);
      }
      // Java writes the same field order and types we do; other senders may not.
      if (command.language === 'JAVA') expect(encodeFrame(command).subarray(4)).toEqual(frame);
    }
  });

  it('decodes the docs/remoting-protocol.md#frames-and-headers request identically from its JSON and ROCKETMQ forms', () => {
    const byName = new Map(golden.map((file) => [file.name, file.bytes]));
    const fromJson = decodeFrame(splitAll(byName.get('get-route-json.hex') ?? Buffer.alloc(0))[0] ?? Buffer.alloc(0));
    const fromBinary = decodeFrame(splitAll(byName.get('get-route-rocketmq.hex') ?? Buffer.alloc(0))[0] ?? Buffer.alloc(0));
    expect(fromJson).toEqual(GET_ROUTE);
    expect(fromBinary).toEqual({ ...GET_ROUTE, serializeType: SerializeType.ROCKETMQ });
    expect(encodeFrame(fromBinary)).toEqual(byName.get('get-route-rocketmq.hex'));
  });
});
