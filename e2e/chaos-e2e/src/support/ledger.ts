import { ResponseCode } from '@rocketmq-ts/protocol';

/** What one send's answer says about its message. */
export type SendOutcome = 'acked' | 'unconfirmed' | 'failed';

/**
 * 0 = stored (and flushed under SYNC_FLUSH). 10/12 (FLUSH_DISK_TIMEOUT, FLUSH_SLAVE_TIMEOUT) =
 * stored but the flush or the slave was not confirmed in time: counted apart, not required to
 * survive. Anything else, or no answer (the broker died first), = not acknowledged.
 */
export function outcomeOf(code: number | undefined): SendOutcome {
  if (code === ResponseCode.SUCCESS) return 'acked';
  if (code === ResponseCode.FLUSH_DISK_TIMEOUT || code === ResponseCode.FLUSH_SLAVE_TIMEOUT) return 'unconfirmed';
  return 'failed';
}

export interface Figures {
  acked: number;
  unconfirmed: number;
  failed: number;
  /** Acked ids found at least once. */
  found: number;
  /** Acked ids not found: must be 0. */
  lost: number;
  /** Extra copies of any id found more than once. */
  duplicates: number;
  /** Ids found whose send was not acked (unconfirmed or no answer): allowed, counted. */
  unackedPresent: number;
}

interface Attempt {
  readonly round: number;
  outcome: SendOutcome | undefined;
}

/** Every id ever sent, the round it was sent in and what its send answered. */
export class SendLedger {
  private readonly attempts = new Map<number, Attempt>();
  private nextId = 1;

  /** A fresh id, recorded before its send goes out so that an unanswered send is still known. */
  begin(round: number): number {
    const id = this.nextId;
    this.nextId += 1;
    this.attempts.set(id, { round, outcome: undefined });
    return id;
  }

  settle(id: number, outcome: SendOutcome): void {
    const attempt = this.attempts.get(id);
    if (attempt !== undefined) attempt.outcome = outcome;
  }

  /** Acked ids missing from `found`, at most `limit` of them, for the failure message. */
  lostIds(found: readonly number[], limit = 20): number[] {
    const present = new Set(found);
    const lost: number[] = [];
    for (const [id, attempt] of this.attempts) {
      if (attempt.outcome === 'acked' && !present.has(id)) lost.push(id);
      if (lost.length >= limit) break;
    }
    return lost;
  }

  /** Ids read back that no send ever carried (must be none). */
  phantoms(found: readonly number[]): number[] {
    return [...new Set(found)].filter((id) => !this.attempts.has(id));
  }

  /** Figures per round (keyed by round number) and in total, against the ids read back. */
  tally(found: readonly number[]): { perRound: Map<number, Figures>; total: Figures } {
    const copies = new Map<number, number>();
    for (const id of found) copies.set(id, (copies.get(id) ?? 0) + 1);
    const perRound = new Map<number, Figures>();
    const total = emptyFigures();
    for (const [id, attempt] of this.attempts) {
      let figures = perRound.get(attempt.round);
      if (figures === undefined) {
        figures = emptyFigures();
        perRound.set(attempt.round, figures);
      }
      for (const target of [figures, total]) count(target, attempt.outcome ?? 'failed', copies.get(id) ?? 0);
    }
    return { perRound, total };
  }
}

function emptyFigures(): Figures {
  return { acked: 0, unconfirmed: 0, failed: 0, found: 0, lost: 0, duplicates: 0, unackedPresent: 0 };
}

function count(figures: Figures, outcome: SendOutcome, copies: number): void {
  figures[outcome] += 1;
  figures.duplicates += Math.max(0, copies - 1);
  if (outcome === 'acked') {
    if (copies > 0) figures.found += 1;
    else figures.lost += 1;
  } else if (copies > 0) {
    figures.unackedPresent += 1;
  }
}

export function formatFigures(label: string, figures: Figures): string {
  return (
    `${label}: acked=${figures.acked} found=${figures.found} lost=${figures.lost} duplicates=${figures.duplicates} ` +
    `unconfirmed(10/12)=${figures.unconfirmed} unanswered/failed=${figures.failed} unacked-but-present=${figures.unackedPresent}`
  );
}
