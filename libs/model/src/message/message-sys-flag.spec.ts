// Proves the sysFlag helpers read and write the enumerated bit fields of docs/remoting-protocol.md#message-records and
// docs/remoting-protocol.md#requests-the-broker-serves.
import { describe, expect, it } from 'vitest';

import {
  buildPullSysFlag,
  clearCommitOffsetFlag,
  compressionTypeOf,
  hasFlag,
  MessageSysFlag,
  PullSysFlag,
  transactionTypeOf,
  withTransactionType,
} from './message-sys-flag';

describe('Model > sysFlag bits', () => {
  it('reads and replaces the transaction type in bits 2-3', () => {
    expect(transactionTypeOf(0)).toBe('NOT');
    expect(transactionTypeOf(MessageSysFlag.TRANSACTION_PREPARED_TYPE | MessageSysFlag.COMPRESSED)).toBe('PREPARED');
    const committed = withTransactionType(0x4 | 0x1 | 0x10, 'COMMIT');
    expect(committed).toBe(0x8 | 0x1 | 0x10);
    expect(transactionTypeOf(withTransactionType(committed, 'ROLLBACK'))).toBe('ROLLBACK');
  });

  it('maps compression bits, treating a bare COMPRESSED bit as zlib (GO, ali-ons, old Java)', () => {
    expect(compressionTypeOf(0x300)).toBeUndefined();
    expect(compressionTypeOf(0x1)).toBe('ZLIB');
    expect(compressionTypeOf(0x301)).toBe('ZLIB');
    expect(compressionTypeOf(0x101)).toBe('LZ4');
    expect(compressionTypeOf(0x201)).toBe('ZSTD');
  });

  it('builds the pull flags a Java push consumer sends', () => {
    const flags = buildPullSysFlag({ commitOffset: true, suspend: true, subscription: false });
    expect(flags).toBe(0x3);
    expect(hasFlag(flags, PullSysFlag.SUSPEND)).toBe(true);
    expect(clearCommitOffsetFlag(flags)).toBe(PullSysFlag.SUSPEND);
    expect(buildPullSysFlag({ commitOffset: false, suspend: true, subscription: true, classFilter: true, litePull: true })).toBe(0x1e);
  });
});
