/**
 * A metadata file (`config/topics.json`, `consumerOffset.json`, ...) replaced atomically, with
 * the previous version kept as `X.bak` (docs/store-and-ha.md#metadata-files).
 *
 * persist(value):
 *   1. write `X.tmp` and fsync it;
 *   2. copy the current `X` to `X.bak` and fsync it (skipped when there is no `X` yet);
 *   3. rename `X.tmp` over `X`, then fsync the directory so the rename itself is durable.
 * At every instant `X` is a complete old or complete new version: a crash before step 3 leaves
 * the old `X` (and a stray `X.tmp`, overwritten by the next persist); a crash during step 2 can
 * only damage `.bak` while `X` is whole.
 *
 * load(): `X`, or `X.bak` when `X` is missing, empty or does not deserialize; undefined when
 * neither holds a value (first start). Loading and persisting are cold paths, so a corrupt file
 * is found with a caught exception from the serializer.
 *
 * Persists of one file are serialized: a second persist waits for the first, so the temp file
 * is never written by two calls at once.
 */
import { copyFile, open, readFile, rename } from 'node:fs/promises';
import { dirname } from 'node:path';

import { errorMessage } from '@rocketmq-ts/base';
import type { Logger } from '@rocketmq-ts/base';

import { fsyncDirectory } from './fsync-directory';

/** Turns a value into file text and back. `deserialize` throws on text it cannot read. */
export interface ConfigSerializer<T> {
  serialize(value: T): string;
  deserialize(text: string): T;
}

/** Pretty JSON, as RocketMQ writes its config files. */
export function jsonSerializer<T>(validate: (parsed: unknown) => T): ConfigSerializer<T> {
  return { serialize: (value) => JSON.stringify(value, null, 2), deserialize: (text) => validate(JSON.parse(text)) };
}

export class AtomicConfigFile<T> {
  readonly path: string;
  private readonly serializer: ConfigSerializer<T>;
  private readonly logger: Logger;
  private persisting: Promise<void> = Promise.resolve();

  constructor(path: string, serializer: ConfigSerializer<T>, logger: Logger) {
    this.path = path;
    this.serializer = serializer;
    this.logger = logger;
  }

  get backupPath(): string {
    return `${this.path}.bak`;
  }

  get tempPath(): string {
    return `${this.path}.tmp`;
  }

  async load(): Promise<T | undefined> {
    const main = await this.tryRead(this.path);
    if (main.kind === 'ok') return main.value;
    const backup = await this.tryRead(this.backupPath);
    if (main.kind !== 'missing') this.logger.warn({ path: this.path, reason: main.reason }, `config file unreadable (${main.reason}); trying ${this.backupPath}`);
    if (backup.kind === 'ok') {
      if (main.kind === 'missing') this.logger.warn({ path: this.path }, `config file missing; loaded ${this.backupPath}`);
      return backup.value;
    }
    if (backup.kind === 'bad') this.logger.error({ path: this.backupPath, reason: backup.reason }, 'config backup unreadable too; starting empty');
    return undefined;
  }

  persist(value: T): Promise<void> {
    const text = this.serializer.serialize(value);
    const next = this.persisting.then(() => this.writeAtomically(text));
    // The chain must survive a failed persist; the caller still sees the failure.
    this.persisting = next.catch(() => undefined);
    return next;
  }

  private async writeAtomically(text: string): Promise<void> {
    await writeAndSync(this.tempPath, text);
    if (await copyIfExists(this.path, this.backupPath)) await syncFile(this.backupPath);
    await rename(this.tempPath, this.path);
    await fsyncDirectory(dirname(this.path));
  }

  private async tryRead(path: string): Promise<{ kind: 'ok'; value: T } | { kind: 'missing' } | { kind: 'bad'; reason: string }> {
    let text: string;
    try {
      text = await readFile(path, 'utf8');
    } catch (error) {
      if (isNotFound(error)) return { kind: 'missing' };
      throw error;
    }
    if (text.trim() === '') return { kind: 'bad', reason: 'empty file' };
    try {
      return { kind: 'ok', value: this.serializer.deserialize(text) };
    } catch (error) {
      return { kind: 'bad', reason: errorMessage(error) };
    }
  }
}

async function writeAndSync(path: string, text: string): Promise<void> {
  const handle = await open(path, 'w');
  try {
    await handle.writeFile(text, 'utf8');
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

function isNotFound(error: unknown): boolean {
  return error instanceof Error && (error as NodeJS.ErrnoException).code === 'ENOENT';
}
