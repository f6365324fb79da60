// The one writer for metadata files, on a real directory: the sync and async forms leave the
// same files, a crash between the temp write and the rename (a temp file left behind) keeps the
// old content, and the read side falls back to .bak when the main file is damaged.
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { writeFileAtomically, writeFileAtomicallySync } from './atomic-file';
import { readWithBackup, readWithBackupSync, valueOf } from './read-with-backup';

const asNumber = (text: string): number => {
  const value = Number(text);
  if (!Number.isInteger(value)) throw new Error(`not a number: ${text}`);
  return value;
};

describe('Base > atomic file', () => {
  let directory: string;
  let path: string;

  beforeEach(() => {
    directory = mkdtempSync(join(tmpdir(), 'rocketmq-ts-atomic-'));
    path = join(directory, 'nested', 'state');
  });

  afterEach(() => rmSync(directory, { recursive: true, force: true }));

  it.each([
    ['async', (target: string, text: string) => writeFileAtomically(target, text, { backup: true })],
    ['sync', (target: string, text: string) => Promise.resolve(writeFileAtomicallySync(target, text, { backup: true }))],
  ])('%s: creates the directory, replaces the file and keeps the previous one as .bak', async (_form, write) => {
    await write(path, '1');
    expect(existsSync(`${path}.bak`)).toBe(false);
    await write(path, '2');
    expect(readFileSync(path, 'utf8')).toBe('2');
    expect(readFileSync(`${path}.bak`, 'utf8')).toBe('1');
    expect(readdirSync(join(directory, 'nested')).sort()).toEqual(['state', 'state.bak']);
  });

  it('without backup leaves only the file', async () => {
    await writeFileAtomically(path, Buffer.from('1'));
    writeFileAtomicallySync(path, '2');
    expect(readdirSync(join(directory, 'nested'))).toEqual(['state']);
    expect(readFileSync(path, 'utf8')).toBe('2');
  });

  it('crash between the temp write and the rename: the old content reads, the next write succeeds', async () => {
    await writeFileAtomically(path, '5', { backup: true });
    writeFileSync(`${path}.tmp`, '6 torn');
    expect(valueOf(await readWithBackup(path, asNumber))).toBe(5);
    writeFileAtomicallySync(path, '7', { backup: true });
    expect(valueOf(readWithBackupSync(path, asNumber))).toBe(7);
  });

  it('reads .bak when the main file is corrupt, empty or missing, and says why', async () => {
    await writeFileAtomically(path, '1', { backup: true });
    await writeFileAtomically(path, '2', { backup: true });
    writeFileSync(path, 'garbage');
    const corrupt = await readWithBackup(path, asNumber);
    expect(corrupt.main).toEqual({ kind: 'bad', reason: 'not a number: garbage' });
    expect(valueOf(corrupt)).toBe(1);
    writeFileSync(path, '  ');
    expect(readWithBackupSync(path, asNumber).main).toEqual({ kind: 'bad', reason: 'empty file' });
    rmSync(path);
    const missing = readWithBackupSync(path, asNumber);
    expect(missing.main.kind).toBe('missing');
    expect(valueOf(missing)).toBe(1);
  });

  it('answers missing for both on a first start, and does not read .bak when the file is good', async () => {
    expect(await readWithBackup(path, asNumber)).toEqual({ main: { kind: 'missing' }, backup: { kind: 'missing' } });
    await writeFileAtomically(path, '3');
    expect(await readWithBackup(path, asNumber)).toEqual({ main: { kind: 'ok', value: 3 }, backup: undefined });
  });
});
