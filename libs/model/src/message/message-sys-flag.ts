/**
 * Message `sysFlag` bits (docs/remoting-protocol.md#message-records), carried in SEND headers (`f`) and in every stored
 * record at byte 36. Bits 2-3 and 8-10 are small enumerations, not independent flags.
 *
 *   bit 0      0x001  COMPRESSED
 *   bit 1      0x002  MULTI_TAGS
 *   bits 2-3   0x00C  transaction type: NOT 0x0, PREPARED 0x4, COMMIT 0x8, ROLLBACK 0xC
 *   bit 4      0x010  BORNHOST is IPv6
 *   bit 5      0x020  STOREHOST is IPv6
 *   bit 6      0x040  NEED_UNWRAP (inner batch)
 *   bit 7      0x080  INNER_BATCH
 *   bits 8-10  0x700  compression type: LZ4 0x100, ZSTD 0x200, ZLIB 0x300 (0 means ZLIB: old clients)
 */
export const MessageSysFlag = {
  COMPRESSED: 0x1,
  MULTI_TAGS: 0x2,
  TRANSACTION_NOT_TYPE: 0x0,
  TRANSACTION_PREPARED_TYPE: 0x4,
  TRANSACTION_COMMIT_TYPE: 0x8,
  TRANSACTION_ROLLBACK_TYPE: 0xc,
  BORNHOST_V6: 0x10,
  STOREHOST_V6: 0x20,
  NEED_UNWRAP: 0x40,
  INNER_BATCH: 0x80,
  COMPRESSION_LZ4: 0x100,
  COMPRESSION_ZSTD: 0x200,
  COMPRESSION_ZLIB: 0x300,
} as const;

const TRANSACTION_TYPE_MASK = 0xc;
const COMPRESSION_TYPE_MASK = 0x700;

export type TransactionType = 'NOT' | 'PREPARED' | 'COMMIT' | 'ROLLBACK';
const TRANSACTION_TYPES: readonly TransactionType[] = ['NOT', 'PREPARED', 'COMMIT', 'ROLLBACK'];

export type CompressionType = 'LZ4' | 'ZSTD' | 'ZLIB';

export function transactionTypeOf(sysFlag: number): TransactionType {
  return TRANSACTION_TYPES[(sysFlag & TRANSACTION_TYPE_MASK) >>> 2] as TransactionType;
}

/** Replaces the transaction-type bits, as the broker does when it commits or rolls back a half message. */
export function withTransactionType(sysFlag: number, type: TransactionType): number {
  return (sysFlag & ~TRANSACTION_TYPE_MASK) | (TRANSACTION_TYPES.indexOf(type) << 2);
}

/**
 * The codec of a compressed body, or undefined when the body is not compressed. Bits 8-10 are 0
 * for GO, ali-ons and pre-5 Java clients, which only ever deflate with zlib.
 */
export function compressionTypeOf(sysFlag: number): CompressionType | undefined {
  if ((sysFlag & MessageSysFlag.COMPRESSED) === 0) return undefined;
  const bits = sysFlag & COMPRESSION_TYPE_MASK;
  if (bits === MessageSysFlag.COMPRESSION_LZ4) return 'LZ4';
  if (bits === MessageSysFlag.COMPRESSION_ZSTD) return 'ZSTD';
  return 'ZLIB';
}

/**
 * PULL_MESSAGE request `sysFlag` bits (docs/remoting-protocol.md#requests-the-broker-serves).
 *
 *   bit 0  0x01  COMMIT_OFFSET      store the header's commitOffset for the group
 *   bit 1  0x02  SUSPEND            the broker may hold the request (long polling)
 *   bit 2  0x04  SUBSCRIPTION       use the header's subscription instead of the heartbeat's
 *   bit 3  0x08  CLASS_FILTER       legacy filter server, unsupported
 *   bit 4  0x10  LITE_PULL_MESSAGE  set by the lite pull consumer (code 361)
 */
export const PullSysFlag = {
  COMMIT_OFFSET: 0x1,
  SUSPEND: 0x2,
  SUBSCRIPTION: 0x4,
  CLASS_FILTER: 0x8,
  LITE_PULL_MESSAGE: 0x10,
} as const;

export interface PullSysFlagOptions {
  readonly commitOffset: boolean;
  readonly suspend: boolean;
  readonly subscription: boolean;
  readonly classFilter?: boolean;
  readonly litePull?: boolean;
}

export function buildPullSysFlag(options: PullSysFlagOptions): number {
  return (
    (options.commitOffset ? PullSysFlag.COMMIT_OFFSET : 0) |
    (options.suspend ? PullSysFlag.SUSPEND : 0) |
    (options.subscription ? PullSysFlag.SUBSCRIPTION : 0) |
    (options.classFilter ? PullSysFlag.CLASS_FILTER : 0) |
    (options.litePull ? PullSysFlag.LITE_PULL_MESSAGE : 0)
  );
}

/** The broker clears COMMIT_OFFSET when it re-runs a held pull or serves it from a slave. */
export function clearCommitOffsetFlag(sysFlag: number): number {
  return sysFlag & ~PullSysFlag.COMMIT_OFFSET;
}

export function hasFlag(sysFlag: number, mask: number): boolean {
  return (sysFlag & mask) === mask;
}
