import { describe, expect, it } from 'vitest';

import type { LogEntry } from '../messages';
import { RaftLog } from './raft-log';

const entry = (index: number, term: number): LogEntry => ({ index, term, kind: 'command', data: new Uint8Array([index]) });

describe('RaftLog', () => {
  it('answers terms across a compacted prefix', () => {
    const log = new RaftLog();
    for (let i = 1; i <= 5; i += 1) log.append(entry(i, i < 3 ? 1 : 2));
    log.compactTo(3, 2);
    expect(log.snapshotIndex).toBe(3);
    expect(log.termAt(3)).toBe(2);
    expect(log.termAt(2)).toBeUndefined();
    expect(log.entry(4)?.index).toBe(4);
    expect(log.slice(1, 10).map((e) => e.index)).toEqual([4, 5]);
    expect(log.lastIndex()).toBe(5);
  });

  it('refuses gaps and truncation into the snapshot', () => {
    const log = new RaftLog(10, 3);
    expect(() => log.append(entry(12, 3))).toThrow(/gap/);
    log.append(entry(11, 3));
    expect(() => log.truncateSuffix(10)).toThrow(/snapshot/);
    log.truncateSuffix(11);
    expect(log.lastIndex()).toBe(10);
    expect(log.lastTerm()).toBe(3);
  });

  it('compares logs by last term, then length (Raft paper, section 5.4.1)', () => {
    const log = new RaftLog();
    log.append(entry(1, 1));
    log.append(entry(2, 2));
    expect(log.isUpToDate(2, 2)).toBe(true);
    expect(log.isUpToDate(1, 2)).toBe(false);
    expect(log.isUpToDate(1, 3)).toBe(true);
    expect(log.isUpToDate(5, 1)).toBe(false);
  });
});
