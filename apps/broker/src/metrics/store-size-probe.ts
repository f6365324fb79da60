import type { Dirent } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';

/** The store parts `rocketmq_storage_size_bytes` reports, as its `storage_type` label values. */
export type StoragePart = 'commitlog' | 'consumequeue' | 'index';

export type StorageSizes = Readonly<Record<StoragePart, number>>;

/** Stat'ing every consume-queue file on each 1 s scrape would be wasteful; sizes move slowly. */
const DEFAULT_MAX_AGE_MS = 10_000;
/** st_blocks is in 512-byte units whatever the file system's block size. */
const STAT_BLOCK_BYTES = 512;

/**
 * Bytes on disk of each store directory, as `du` counts them (allocated blocks, so preallocated
 * but unwritten segment space is not counted on file systems that keep it sparse). Walked
 * asynchronously at scrape time and cached for `maxAgeMs`; concurrent scrapes share one walk.
 */
export class StoreSizeProbe {
  private cached: { readonly atMs: number; readonly sizes: StorageSizes } | undefined;
  private walking: Promise<StorageSizes> | undefined;

  constructor(
    private readonly dirs: Readonly<Record<StoragePart, string>>,
    private readonly nowMs: () => number,
    private readonly maxAgeMs = DEFAULT_MAX_AGE_MS,
  ) {}

  async sizes(): Promise<StorageSizes> {
    if (this.cached !== undefined && this.nowMs() - this.cached.atMs < this.maxAgeMs) return this.cached.sizes;
    this.walking ??= this.walk().finally(() => {
      this.walking = undefined;
    });
    return this.walking;
  }

  private async walk(): Promise<StorageSizes> {
    const [commitlog, consumequeue, index] = await Promise.all([
      diskBytes(this.dirs.commitlog),
      diskBytes(this.dirs.consumequeue),
      diskBytes(this.dirs.index),
    ]);
    const sizes = { commitlog, consumequeue, index };
    this.cached = { atMs: this.nowMs(), sizes };
    return sizes;
  }
}

/** Allocated bytes of every file under `dir`; 0 for a directory that does not exist (yet), files vanishing mid-walk are skipped. */
async function diskBytes(dir: string): Promise<number> {
  let entries: Dirent[];
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch {
    return 0;
  }
  let bytes = 0;
  for (const entry of entries) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) bytes += await diskBytes(path);
    else if (entry.isFile()) bytes += await allocatedBytes(path);
  }
  return bytes;
}

async function allocatedBytes(path: string): Promise<number> {
  try {
    return (await stat(path)).blocks * STAT_BLOCK_BYTES;
  } catch {
    return 0;
  }
}
