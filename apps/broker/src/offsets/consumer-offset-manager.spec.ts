import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { ConsumerOffsetManager } from './consumer-offset-manager';
import { atomicJsonConfigFile } from './json-config-file';

describe('Broker > offsets > ConsumerOffsetManager', () => {
  let dir: string;
  let path: string;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'broker-offsets-'));
    path = join(dir, 'config', 'consumerOffset.json');
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const newManager = () => new ConsumerOffsetManager({ file: atomicJsonConfigFile(path), persistIntervalMs: 60_000 });

  it('answers -1 for a queue the group never committed, then the committed offset', () => {
    const manager = newManager();
    expect(manager.queryOffset('G', 'T', 0)).toBe(-1);
    manager.commitOffset('G', 'T', 0, 12);
    manager.commitOffset('G', 'T', 0, 15);
    expect(manager.queryOffset('G', 'T', 0)).toBe(15);
    expect(manager.queryOffset('G', 'T', 1)).toBe(-1);
  });

  it('keeps the offsets across a restart, written in fastjson form with bare queue-id keys', async () => {
    const first = newManager();
    first.commitOffset('G', 'T', 0, 12);
    first.commitOffset('G', 'T', 3, 7);
    first.commitOffset('H', '%RETRY%H', 0, 1);
    await first.shutdown();
    expect(readFileSync(path, 'utf8')).toBe('{"offsetTable":{"T@G":{0:12,3:7},"%RETRY%H@H":{0:1}}}');

    const second = newManager();
    await second.load();
    expect(second.queryOffset('G', 'T', 3)).toBe(7);
    expect(second.offsetsOf('G', 'T')).toEqual(
      new Map([
        [0, 12],
        [3, 7],
      ]),
    );
  });

  it('reads a Java-written file with quoted keys and a dataVersion, skipping malformed entries', async () => {
    writeFileSync(join(dir, 'java.json'), '{"dataVersion":{"counter":3},"offsetTable":{"T@G":{"0":5,"1":"6"},"nogroup":{0:1}}}');
    const manager = new ConsumerOffsetManager({ file: atomicJsonConfigFile(join(dir, 'java.json')), persistIntervalMs: 60_000 });
    await manager.load();
    expect(manager.queryOffset('G', 'T', 0)).toBe(5);
    expect(manager.queryOffset('G', 'T', 1)).toBe(6);
    expect(manager.groupsOfTopic('nogroup')).toEqual([]);
  });

  it('starts empty when the file is garbage rather than failing the broker', async () => {
    writeFileSync(join(dir, 'bad.json'), '{"offsetTable":');
    const manager = new ConsumerOffsetManager({ file: atomicJsonConfigFile(join(dir, 'bad.json')), persistIntervalMs: 60_000 });
    await manager.load();
    expect(manager.queryOffset('G', 'T', 0)).toBe(-1);
  });

  it('lists the groups of a topic and the topics of a group, and forgets a removed group', () => {
    const manager = newManager();
    manager.commitOffset('G1', 'T', 0, 1);
    manager.commitOffset('G2', 'T', 0, 2);
    manager.commitOffset('G1', 'U', 0, 3);
    expect(manager.groupsOfTopic('T').sort()).toEqual(['G1', 'G2']);
    expect(manager.topicsOfGroup('G1').sort()).toEqual(['T', 'U']);
    manager.removeGroup('G1');
    expect(manager.groupsOfTopic('T')).toEqual(['G2']);
  });
});
