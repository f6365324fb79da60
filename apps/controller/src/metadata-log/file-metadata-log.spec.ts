import { appendFileSync, readFileSync, statSync, writeFileSync } from 'node:fs';

import { RecordingLogger } from '@rocketmq-ts/base';
import { createTempDir } from '@rocketmq-ts/testing';
import { afterEach, describe, expect, it } from 'vitest';

import { FileMetadataLog } from './file-metadata-log';

const self = { id: 'n0', address: '127.0.0.1:9878' };

function machine(apply: (entry: Uint8Array, index: number) => void) {
  return { apply, snapshot: () => new Uint8Array(), restore: () => undefined };
}
const dirs: Array<{ remove(): void }> = [];
afterEach(() => dirs.splice(0).forEach((dir) => dir.remove()));

async function open(path: string) {
  const applied: string[] = [];
  const log = new FileMetadataLog(path, self, new RecordingLogger());
  await log.start(machine((entry, index) => applied.push(`${index}:${Buffer.from(entry).toString()}`)));
  return { log, applied };
}

describe('Controller > FileMetadataLog', () => {
  it('applies each entry once it is durable and replays them all, in order, after a restart', async () => {
    const dir = createTempDir('metadata-log');
    dirs.push(dir);
    const first = await open(dir.path);
    expect(first.log.isLeader()).toBe(true);
    expect(first.log.leader()).toEqual(self);
    expect(await first.log.append(Buffer.from('a'))).toEqual({ kind: 'committed', index: 1 });
    const [b, c] = await Promise.all([first.log.append(Buffer.from('b')), first.log.append(Buffer.from('c'))]);
    expect([b, c]).toEqual([
      { kind: 'committed', index: 2 },
      { kind: 'committed', index: 3 },
    ]);
    expect(first.applied).toEqual(['1:a', '2:b', '3:c']);
    await first.log.stop();
    const second = await open(dir.path);
    expect(second.applied).toEqual(['1:a', '2:b', '3:c']);
    expect(await second.log.append(Buffer.from('d'))).toEqual({ kind: 'committed', index: 4 });
    await second.log.stop();
  });

  it('cuts a torn or corrupt tail at start and keeps every intact record before it', async () => {
    const dir = createTempDir('metadata-log');
    dirs.push(dir);
    const first = await open(dir.path);
    await first.log.append(Buffer.from('kept'));
    await first.log.stop();
    const intact = statSync(first.log.path).size;
    appendFileSync(first.log.path, Buffer.from([0, 0, 0, 9, 1, 2, 3, 4, 5])); // a header promising 9 bytes, then 1
    const logger = new RecordingLogger();
    const reopened = new FileMetadataLog(dir.path, self, logger);
    const applied: string[] = [];
    await reopened.start(machine((entry) => applied.push(Buffer.from(entry).toString())));
    expect(applied).toEqual(['kept']);
    expect(statSync(reopened.path).size).toBe(intact);
    expect(logger.find((entry) => entry.message.includes('torn tail')) !== undefined).toBe(true);
    await reopened.append(Buffer.from('next'));
    await reopened.stop();
    const bytes = readFileSync(reopened.path);
    bytes.writeUInt8(bytes.readUInt8(bytes.length - 1) ^ 0xff, bytes.length - 1); // flip bits in the last entry: its CRC no longer matches
    writeFileSync(reopened.path, bytes);
    const again = await open(dir.path);
    expect(again.applied).toEqual(['1:kept']);
    await again.log.stop();
  });
});
