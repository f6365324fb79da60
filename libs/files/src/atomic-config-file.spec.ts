// Proves the metadata-file protocol on a real directory: a persist replaces the file and keeps
// the previous version as .bak; a crash between writing the temp file and the rename (simulated
// by leaving a temp file behind) still loads the last complete version; a missing, empty or
// corrupt main file falls back to .bak.
import { existsSync, mkdtempSync, readFileSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { RecordingLogger } from '@rocketmq-ts/base';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { AtomicConfigFile, jsonSerializer } from './atomic-config-file';

interface Offsets {
  readonly offsetTable: Record<string, Record<string, number>>;
}

const offsetsSerializer = jsonSerializer<Offsets>((parsed) => {
  if (typeof parsed !== 'object' || parsed === null || !('offsetTable' in parsed)) throw new Error('no offsetTable');
  return parsed as Offsets;
});

describe('Store > config file', () => {
  let directory: string;
  let path: string;
  const logger = new RecordingLogger();
  const file = (): AtomicConfigFile<Offsets> => new AtomicConfigFile(path, offsetsSerializer, logger);

  beforeEach(() => {
    directory = mkdtempSync(join(tmpdir(), 'rocketmq-ts-config-'));
    path = join(directory, 'consumerOffset.json');
    logger.entries.length = 0;
  });

  afterEach(() => rmSync(directory, { recursive: true, force: true }));

  it('loads nothing on first start, then what was persisted, keeping the previous version as .bak', async () => {
    expect(await file().load()).toBeUndefined();
    await file().persist({ offsetTable: { 'T@g': { '0': 1 } } });
    await file().persist({ offsetTable: { 'T@g': { '0': 2 } } });
    expect(await file().load()).toEqual({ offsetTable: { 'T@g': { '0': 2 } } });
    expect(JSON.parse(readFileSync(`${path}.bak`, 'utf8'))).toEqual({ offsetTable: { 'T@g': { '0': 1 } } });
    expect(existsSync(`${path}.tmp`)).toBe(false);
  });

  it('crash between temp write and rename: the old version loads and the next persist succeeds', async () => {
    await file().persist({ offsetTable: { 'T@g': { '0': 5 } } });
    writeFileSync(`${path}.tmp`, '{"offsetTable": {"T@g": {"0": 6');
    expect(await file().load()).toEqual({ offsetTable: { 'T@g': { '0': 5 } } });
    await file().persist({ offsetTable: { 'T@g': { '0': 7 } } });
    expect(await file().load()).toEqual({ offsetTable: { 'T@g': { '0': 7 } } });
  });

  it.each([
    ['corrupt', (target: string) => writeFileSync(target, '{"offsetTable": ')],
    ['empty', (target: string) => writeFileSync(target, '')],
    ['missing', (target: string) => unlinkSync(target)],
    ['the wrong shape', (target: string) => writeFileSync(target, '[1, 2]')],
  ])('falls back to .bak when the main file is %s', async (_name, damage) => {
    await file().persist({ offsetTable: { 'T@g': { '0': 1 } } });
    await file().persist({ offsetTable: { 'T@g': { '0': 2 } } });
    damage(path);
    expect(await file().load()).toEqual({ offsetTable: { 'T@g': { '0': 1 } } });
    expect(logger.entries.some((entry) => entry.level === 'warn')).toBe(true);
  });

  it('serializes concurrent persists of one file: the last call wins', async () => {
    const config = file();
    await Promise.all([1, 2, 3, 4].map((offset) => config.persist({ offsetTable: { 'T@g': { '0': offset } } })));
    expect(await config.load()).toEqual({ offsetTable: { 'T@g': { '0': 4 } } });
  });
});
