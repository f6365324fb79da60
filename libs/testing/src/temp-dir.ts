import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface TempDir {
  readonly path: string;
  /** A path inside the directory (not created). */
  join(...parts: string[]): string;
  /** Removes the directory and everything in it; safe to call twice. */
  remove(): void;
}

/** A fresh directory under the OS temp dir, named `rocketmq-ts-<prefix>-XXXXXX`. */
export function createTempDir(prefix: string): TempDir {
  const safe = prefix.replace(/[^A-Za-z0-9._-]/g, '_');
  const path = mkdtempSync(join(tmpdir(), `rocketmq-ts-${safe}-`));
  return {
    path,
    join: (...parts: string[]) => join(path, ...parts),
    remove: () => rmSync(path, { recursive: true, force: true }),
  };
}
