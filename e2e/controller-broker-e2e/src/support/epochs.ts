import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { decodeEpochFile, type EpochEntry } from '@rocketmq-ts/store';

/** The epoch file a controller-mode broker keeps under its store root. */
export function epochsOf(storeRoot: string): EpochEntry[] {
  const read = decodeEpochFile(readFileSync(join(storeRoot, 'epochFileCheckpoint'), 'utf8'));
  if (read.kind !== 'ok') throw new Error(`epoch file under ${storeRoot}: ${read.kind === 'bad' ? read.reason : 'missing'}`);
  return read.entries;
}

/** The epoch whose range holds `offset` (the newest entry starting at or before it). */
export function epochAt(entries: readonly EpochEntry[], offset: number): number | undefined {
  return [...entries].reverse().find((entry) => entry.startOffset <= offset)?.epoch;
}
