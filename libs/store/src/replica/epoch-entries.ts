/**
 * The epoch list of a controller-mode replica (docs/controller-mode-broker.md#epoch-file): which master
 * epoch wrote which stretch of the commit log. Entry i covers [startOffset_i, startOffset_{i+1});
 * the last one is open-ended. Pure data and rules; epoch-file.ts persists it.
 *
 * Invariants: epochs and start offsets both strictly ascend.
 */
import { at } from '@rocketmq-ts/base';

export interface EpochEntry {
  readonly epoch: number;
  readonly startOffset: number;
}

/** An entry with its end: the next entry's start, or `lastEnd` for the newest. */
export interface EpochRange extends EpochEntry {
  readonly endOffset: number;
}

export type EpochAppendOutcome =
  | { readonly kind: 'appended' }
  /** Same start as the newest entry: that epoch wrote nothing, so the new one takes its place. */
  | { readonly kind: 'replaced'; readonly replaced: EpochEntry }
  | { readonly kind: 'refused'; readonly reason: string };

/** Checks the ascending rule; returns why a list breaks it, or undefined. */
export function epochListProblem(entries: readonly EpochEntry[]): string | undefined {
  for (let index = 1; index < entries.length; index++) {
    const previous = at(entries, index - 1, 'epoch entries');
    const entry = at(entries, index, 'epoch entries');
    if (entry.epoch <= previous.epoch || entry.startOffset < previous.startOffset) {
      return `entry ${entry.epoch}-${entry.startOffset} does not follow ${previous.epoch}-${previous.startOffset}`;
    }
  }
  return undefined;
}

/**
 * The rule for a new entry. RocketMQ refuses one whose start equals the newest entry's start (the
 * previous epoch wrote nothing), which leaves a re-elected master without an entry for its own
 * epoch (#9689). We replace the newest entry instead: an epoch that wrote nothing owns no bytes,
 * so dropping it loses nothing and the list still says who wrote every byte.
 */
export function appendEpoch(entries: EpochEntry[], next: EpochEntry): EpochAppendOutcome {
  const last = entries[entries.length - 1];
  if (last === undefined) {
    entries.push(next);
    return { kind: 'appended' };
  }
  if (next.epoch <= last.epoch) return { kind: 'refused', reason: `epoch ${next.epoch} is not above the newest epoch ${last.epoch}` };
  if (next.startOffset < last.startOffset)
    return { kind: 'refused', reason: `start offset ${next.startOffset} is below the newest entry's start ${last.startOffset}` };
  if (next.startOffset === last.startOffset) {
    entries[entries.length - 1] = next;
    return { kind: 'replaced', replaced: last };
  }
  entries.push(next);
  return { kind: 'appended' };
}

/** The entries with their ends; the newest ends at `lastEnd` (the log's max offset). */
export function epochRanges(entries: readonly EpochEntry[], lastEnd: number): EpochRange[] {
  return entries.map((entry, index) => ({ ...entry, endOffset: entries[index + 1]?.startOffset ?? Math.max(lastEnd, entry.startOffset) }));
}

/** The entry whose range holds `offset` (the newest one for offsets at or past its start). */
export function epochAt(entries: readonly EpochEntry[], offset: number): EpochEntry | undefined {
  for (let index = entries.length - 1; index >= 0; index--) {
    const entry = at(entries, index, 'epoch entries');
    if (entry.startOffset <= offset) return entry;
  }
  return undefined;
}

/**
 * Where a replica's log stops agreeing with the master's (RocketMQ's findConsistentPoint): both
 * lists end at their log's max offset; walking the local epochs newest first, the first epoch the
 * master has too, with the same start, gives min(local end, master end). -1 when none matches.
 */
export function findConsistentPoint(
  local: readonly EpochEntry[],
  localMaxOffset: number,
  master: readonly EpochEntry[],
  masterMaxOffset: number,
): number {
  const masterRanges = epochRanges(master, masterMaxOffset);
  const localRanges = epochRanges(local, localMaxOffset);
  for (let index = localRanges.length - 1; index >= 0; index--) {
    const mine = at(localRanges, index, 'local epoch ranges');
    const theirs = masterRanges.find((range) => range.epoch === mine.epoch);
    if (theirs !== undefined && theirs.startOffset === mine.startOffset) return Math.min(mine.endOffset, theirs.endOffset);
  }
  return -1;
}

/** Drops entries starting at or after `offset` (the log was cut there). Returns how many were dropped. */
export function truncateEpochsFrom(entries: EpochEntry[], offset: number): number {
  let keep = entries.length;
  while (keep > 0 && at(entries, keep - 1, 'epoch entries').startOffset >= offset) keep--;
  const dropped = entries.length - keep;
  entries.length = keep;
  return dropped;
}

/** Drops entries that end at or before `minOffset` (old segments deleted); the newest is always kept. */
export function truncateEpochsBelow(entries: EpochEntry[], minOffset: number): number {
  let drop = 0;
  while (drop < entries.length - 1 && at(entries, drop + 1, 'epoch entries').startOffset <= minOffset) drop++;
  entries.splice(0, drop);
  return drop;
}
