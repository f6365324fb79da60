/**
 * Replacing a small metadata file so that a crash never leaves half of it (docs/store-and-ha.md#metadata-files):
 *
 *   1. write `X.tmp` and fsync it;
 *   2. with `backup`, copy the current `X` to `X.bak` and fsync that (skipped when there is no `X`);
 *   3. rename `X.tmp` over `X`, then fsync the directory so the rename itself is durable.
 *
 * At every instant `X` is a complete old or complete new version: a crash before step 3 leaves
 * the old `X` and a stray `X.tmp` (overwritten by the next write); a crash in step 2 can only
 * damage `X.bak` while `X` is whole. The `.bak` is what RocketMQ's MixAll.string2File keeps, and
 * what `loadWithBackup` falls back to when `X` is missing or unreadable. The parent directory is
 * created when missing, as Java's writer does.
 *
 * One writer for every such file in the repository (broker metadata, the name server's KV config,
 * controller settings, the broker identity, Raft hard state, the client's local offsets), in an
 * async and a sync form: the sync one is for callers already inside synchronous code paths.
 */
import { closeSync, copyFileSync, fsyncSync, mkdirSync, openSync, renameSync, writeSync } from 'node:fs';
import { copyFile, mkdir, open, rename } from 'node:fs/promises';
import { dirname } from 'node:path';

import { fsyncDirectory, fsyncDirectorySync } from './fsync-directory';

export interface AtomicWriteOptions {
  /** Keep the previous content as `X.bak` (default false). */
  readonly backup?: boolean;
}

export function backupPathOf(path: string): string {
  return `${path}.bak`;
}

export function tempPathOf(path: string): string {
  return `${path}.tmp`;
}

export async function writeFileAtomically(path: string, contents: string | Uint8Array, options: AtomicWriteOptions = {}): Promise<void> {
  const directory = dirname(path);
  await mkdir(directory, { recursive: true });
  await writeAndSync(tempPathOf(path), contents);
  if (options.backup === true && (await copyIfExists(path, backupPathOf(path)))) await syncFile(backupPathOf(path));
  await rename(tempPathOf(path), path);
  await fsyncDirectory(directory);
}

export function writeFileAtomicallySync(path: string, contents: string | Uint8Array, options: AtomicWriteOptions = {}): void {
  const directory = dirname(path);
  mkdirSync(directory, { recursive: true });
  writeAndSyncSync(tempPathOf(path), contents);
  if (options.backup === true && copyIfExistsSync(path, backupPathOf(path))) syncFileSync(backupPathOf(path));
  renameSync(tempPathOf(path), path);
  fsyncDirectorySync(directory);
}

export function isNotFound(error: unknown): boolean {
  return error instanceof Error && (error as NodeJS.ErrnoException).code === 'ENOENT';
}

async function writeAndSync(path: string, contents: string | Uint8Array): Promise<void> {
  const handle = await open(path, 'w');
  try {
    await handle.writeFile(contents);
    await handle.sync();
  } finally {
    await handle.close();
  }
}

async function syncFile(path: string): Promise<void> {
  const handle = await open(path, 'r+');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

async function copyIfExists(from: string, to: string): Promise<boolean> {
  try {
    await copyFile(from, to);
    return true;
  } catch (error) {
    if (isNotFound(error)) return false;
    throw error;
  }
}

function writeAndSyncSync(path: string, contents: string | Uint8Array): void {
  const bytes = typeof contents === 'string' ? Buffer.from(contents, 'utf8') : contents;
  const fd = openSync(path, 'w');
  try {
    // writeSync may write less than asked; loop until every byte is out.
    let done = 0;
    while (done < bytes.length) done += writeSync(fd, bytes, done, bytes.length - done, done);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

function syncFileSync(path: string): void {
  const fd = openSync(path, 'r+');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

function copyIfExistsSync(from: string, to: string): boolean {
  try {
    copyFileSync(from, to);
    return true;
  } catch (error) {
    if (isNotFound(error)) return false;
    throw error;
  }
}
