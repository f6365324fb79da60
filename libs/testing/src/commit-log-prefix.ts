import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** Bytes [0, length) of the commit log under `storeRoot`, concatenated from its segment files. */
export function commitLogPrefix(storeRoot: string, length: number): Buffer {
  const dir = join(storeRoot, 'commitlog');
  const out = Buffer.alloc(length);
  for (const name of readdirSync(dir).sort()) {
    const start = Number(name);
    if (!Number.isSafeInteger(start) || start >= length) continue;
    const data = readFileSync(join(dir, name));
    data.copy(out, start, 0, Math.min(data.length, length - start));
  }
  return out;
}
