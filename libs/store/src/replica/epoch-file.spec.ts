import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { crc32 } from 'node:zlib';
import { join } from 'node:path';

import { silentLogger } from '@rocketmq-ts/base';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { findConsistentPoint } from './epoch-entries';
import { decodeEpochFile, encodeEpochFile, EpochFile } from './epoch-file';

describe('epoch file (epochFileCheckpoint)', () => {
  let dir: string;
  let path: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'rocketmq-ts-epoch-'));
    path = join(dir, 'epochFileCheckpoint');
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('writes the CheckpointFile text format: count, masked CRC32 of the entry lines, one epoch-start line each', () => {
    const file = EpochFile.open(path, silentLogger);
    file.append({ epoch: 1, startOffset: 0 });
    file.append({ epoch: 2, startOffset: 1570 });
    // CRC32("1-0\n2-1570\n") & 0x7FFFFFFF, computed independently with zlib.
    const crc = crc32(Buffer.from('1-0\n2-1570\n')) & 0x7fffffff;
    expect(readFileSync(path, 'utf8')).toBe(`2\n${crc}\n1-0\n2-1570\n`);
    expect(readFileSync(`${path}.bak`, 'utf8')).toBe(encodeEpochFile([{ epoch: 1, startOffset: 0 }]));
    expect(EpochFile.open(path, silentLogger).list()).toEqual([
      { epoch: 1, startOffset: 0 },
      { epoch: 2, startOffset: 1570 },
    ]);
  });

  it('falls back to .bak when the file is torn, has a bad CRC, a bad count or is empty', () => {
    const file = EpochFile.open(path, silentLogger);
    file.append({ epoch: 1, startOffset: 0 });
    file.append({ epoch: 2, startOffset: 100 });
    const good = readFileSync(path, 'utf8');
    for (const broken of ['', good.slice(0, good.length - 4), good.replace('2-100', '2-101'), `3${good.slice(1)}`]) {
      writeFileSync(path, broken);
      expect(EpochFile.open(path, silentLogger).list(), JSON.stringify(broken)).toEqual([{ epoch: 1, startOffset: 0 }]);
    }
    expect(decodeEpochFile(good.replace('2-100', '2-101'))).toMatchObject({ kind: 'bad', reason: expect.stringContaining('CRC') });
  });

  it('starts empty when neither file is readable, and a crash between the .bak copy and the rewrite loses nothing', () => {
    writeFileSync(path, 'garbage');
    expect(EpochFile.open(path, silentLogger).list()).toEqual([]);
    rmSync(path);
    const file = EpochFile.open(path, silentLogger);
    file.append({ epoch: 1, startOffset: 0 });
    // The crash: .bak holds the old list, the main file was truncated by the interrupted rewrite.
    file.append({ epoch: 2, startOffset: 50 });
    writeFileSync(path, '');
    expect(EpochFile.open(path, silentLogger).list()).toEqual([{ epoch: 1, startOffset: 0 }]);
  });

  it('appends only strictly newer epochs; an epoch that wrote nothing is replaced by the next', () => {
    const file = EpochFile.open(path, silentLogger);
    expect(file.append({ epoch: 1, startOffset: 0 }).kind).toBe('appended');
    expect(file.append({ epoch: 1, startOffset: 10 }).kind).toBe('refused');
    expect(file.append({ epoch: 2, startOffset: 100 }).kind).toBe('appended');
    expect(file.append({ epoch: 3, startOffset: 90 }).kind).toBe('refused');
    expect(file.append({ epoch: 3, startOffset: 100 })).toEqual({ kind: 'replaced', replaced: { epoch: 2, startOffset: 100 } });
    expect(EpochFile.open(path, silentLogger).list()).toEqual([
      { epoch: 1, startOffset: 0 },
      { epoch: 3, startOffset: 100 },
    ]);
  });

  it('truncation drops entries starting at or after the cut; cleanup drops entries wholly below the min offset', () => {
    const file = EpochFile.open(path, silentLogger);
    for (const [epoch, startOffset] of [
      [1, 0],
      [2, 100],
      [3, 300],
      [4, 500],
    ] as const)
      file.append({ epoch, startOffset });
    file.truncateFrom(300);
    expect(file.list().map((entry) => entry.epoch)).toEqual([1, 2]);
    file.truncateBelow(150);
    expect(EpochFile.open(path, silentLogger).list()).toEqual([{ epoch: 2, startOffset: 100 }]);
    file.truncateFrom(0);
    expect(EpochFile.open(path, silentLogger).list()).toEqual([]);
  });

  it('finds the consistent point as RocketMQ does (EpochFileCacheTest cases)', () => {
    const local = [
      { epoch: 1, startOffset: 100 },
      { epoch: 2, startOffset: 300 },
      { epoch: 3, startOffset: 500 },
    ];
    const master = [
      { epoch: 1, startOffset: 100 },
      { epoch: 2, startOffset: 300 },
      { epoch: 3, startOffset: 450 },
    ];
    expect(findConsistentPoint(local, 700, master, 700)).toBe(450);
    expect(findConsistentPoint(local, 700, [...master.slice(0, 2), { epoch: 3, startOffset: 500 }], 600)).toBe(600);
    expect(
      findConsistentPoint(local, 550, [...master.slice(0, 2), { epoch: 3, startOffset: 500 }, { epoch: 4, startOffset: 800 }], 900),
    ).toBe(550);
    expect(findConsistentPoint([{ epoch: 5, startOffset: 0 }], 10, master, 700)).toBe(-1);
  });
});
