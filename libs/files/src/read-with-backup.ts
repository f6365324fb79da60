/**
 * The read side of an atomically written file (atomic-file.ts): `X`, and `X.bak` when `X` is
 * missing, empty or does not parse. Each caller decides what an unreadable pair means (start
 * empty, refuse to start), so this only reports what it found. Cold path: a bad file is found by
 * the parser throwing.
 */
import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';

import { errorMessage } from '@rocketmq-ts/base';

import { backupPathOf, isNotFound } from './atomic-file';

export type FileRead<T> =
  { readonly kind: 'ok'; readonly value: T } | { readonly kind: 'missing' } | { readonly kind: 'bad'; readonly reason: string };

export interface BackupRead<T> {
  readonly main: FileRead<T>;
  /** What `X.bak` held; read only when the main file is not ok. */
  readonly backup: FileRead<T> | undefined;
}

/** The value of `X`, else of `X.bak`; undefined when neither holds one. */
export function valueOf<T>(read: BackupRead<T>): T | undefined {
  if (read.main.kind === 'ok') return read.main.value;
  return read.backup?.kind === 'ok' ? read.backup.value : undefined;
}

export async function readWithBackup<T>(path: string, parse: (text: string) => T): Promise<BackupRead<T>> {
  const main = parsed(await readTextIfExists(path), parse);
  return { main, backup: main.kind === 'ok' ? undefined : parsed(await readTextIfExists(backupPathOf(path)), parse) };
}

export function readWithBackupSync<T>(path: string, parse: (text: string) => T): BackupRead<T> {
  const main = parsed(readTextIfExistsSync(path), parse);
  return { main, backup: main.kind === 'ok' ? undefined : parsed(readTextIfExistsSync(backupPathOf(path)), parse) };
}

function parsed<T>(text: string | undefined, parse: (text: string) => T): FileRead<T> {
  if (text === undefined) return { kind: 'missing' };
  if (text.trim() === '') return { kind: 'bad', reason: 'empty file' };
  try {
    return { kind: 'ok', value: parse(text) };
  } catch (error) {
    return { kind: 'bad', reason: errorMessage(error) };
  }
}

async function readTextIfExists(path: string): Promise<string | undefined> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    if (isNotFound(error)) return undefined;
    throw error;
  }
}

function readTextIfExistsSync(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    if (isNotFound(error)) return undefined;
    throw error;
  }
}
