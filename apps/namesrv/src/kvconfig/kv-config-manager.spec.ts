import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { KvConfigManager } from './kv-config-manager';

describe('Namesrv > KvConfigManager', () => {
  let directory: string;
  let path: string;

  beforeEach(async () => {
    directory = await mkdtemp(join(tmpdir(), 'namesrv-kv-'));
    path = join(directory, 'nested', 'kvConfig.json');
  });

  afterEach(async () => {
    await rm(directory, { recursive: true, force: true });
  });

  it('stores, reads, lists and deletes by namespace and key', async () => {
    const kv = new KvConfigManager(path);
    await kv.load();
    await kv.put('ORDER_TOPIC_CONFIG', 'TopicA', 'broker-a:4');
    await kv.put('ORDER_TOPIC_CONFIG', 'TopicB', 'broker-b:8');
    expect(kv.get('ORDER_TOPIC_CONFIG', 'TopicA')).toBe('broker-a:4');
    expect(kv.get('ORDER_TOPIC_CONFIG', 'Missing')).toBeUndefined();
    expect(Object.fromEntries(kv.list('ORDER_TOPIC_CONFIG') ?? [])).toEqual({ TopicA: 'broker-a:4', TopicB: 'broker-b:8' });
    await kv.delete('ORDER_TOPIC_CONFIG', 'TopicA');
    await kv.delete('ORDER_TOPIC_CONFIG', 'TopicB');
    await kv.delete('NoSuchNamespace', 'x');
    expect(kv.list('ORDER_TOPIC_CONFIG')).toBeUndefined();
    expect(kv.namespaceCount).toBe(0);
  });

  it('persists in Java kvConfig.json form and reloads it', async () => {
    const kv = new KvConfigManager(path);
    await kv.put('ns', 'k', 'v');
    expect(JSON.parse(await readFile(path, 'utf8'))).toEqual({ configTable: { ns: { k: 'v' } } });
    const reloaded = new KvConfigManager(path);
    await reloaded.load();
    expect(reloaded.get('ns', 'k')).toBe('v');
  });

  it('leaves no temp files behind, keeps the last of several quick writes and the one before it as .bak', async () => {
    const kv = new KvConfigManager(path);
    await Promise.all([kv.put('ns', 'k', '1'), kv.put('ns', 'k', '2'), kv.put('ns', 'k', '3')]);
    await kv.flushed();
    expect((await readdir(join(directory, 'nested'))).sort()).toEqual(['kvConfig.json', 'kvConfig.json.bak']);
    expect(JSON.parse(await readFile(path, 'utf8')).configTable.ns.k).toBe('3');
    expect(JSON.parse(await readFile(`${path}.bak`, 'utf8')).configTable.ns.k).toBe('2');
  });

  it('loads the .bak when the file is damaged (a crash that left the temp file changes nothing)', async () => {
    const kv = new KvConfigManager(path);
    await kv.put('ns', 'k', '1');
    await kv.put('ns', 'k', '2');
    await writeFile(`${path}.tmp`, '{"configTable": {"ns": {"k": "3"');
    const afterCrash = new KvConfigManager(path);
    await afterCrash.load();
    expect(afterCrash.get('ns', 'k')).toBe('2');
    await writeFile(path, '{"configTable": [');
    const damaged = new KvConfigManager(path);
    await damaged.load();
    expect(damaged.get('ns', 'k')).toBe('1');
  });

  it('starts empty without a file and refuses a corrupt one', async () => {
    const empty = new KvConfigManager(join(directory, 'absent.json'));
    await empty.load();
    expect(empty.namespaceCount).toBe(0);
    const corruptPath = join(directory, 'corrupt.json');
    await writeFile(corruptPath, '{"configTable": [');
    await expect(new KvConfigManager(corruptPath).load()).rejects.toThrow(/is not valid JSON/);
    await writeFile(corruptPath, '{"other": {}}');
    await expect(new KvConfigManager(corruptPath).load()).rejects.toThrow(/no "configTable" object/);
  });
});
