/**
 * Store settings, named as RocketMQ's MessageStoreConfig keys so broker.conf files carry over;
 * internal names add units where RocketMQ's do not (the broker config maps one to the other).
 */
import { join } from 'node:path';

export type FlushDiskType = 'SYNC_FLUSH' | 'ASYNC_FLUSH';
export type StoreRole = 'ASYNC_MASTER' | 'SYNC_MASTER' | 'SLAVE';

export interface StoreConfig {
  readonly storePathRootDir: string;
  readonly storePathCommitLog: string;
  readonly storePathConsumeQueue: string;
  readonly storePathIndex: string;
  readonly storeCheckpoint: string;
  readonly abortFile: string;
  readonly storePathConfig: string;

  readonly mappedFileSizeCommitLog: number;
  /** Bytes per consume-queue file: 300,000 entries × 20 bytes by default. */
  readonly mappedFileSizeConsumeQueue: number;

  readonly brokerRole: StoreRole;
  readonly flushDiskType: FlushDiskType;
  readonly flushIntervalCommitLogMs: number;
  readonly flushCommitLogThoroughIntervalMs: number;
  readonly syncFlushTimeoutMs: number;
  readonly flushIntervalConsumeQueueMs: number;
  /**
   * Controller mode: dispatch (and so consumers) may run past the replicas' confirm offset, at the
   * risk of serving a message a failover cuts away (docs/controller-mode-broker.md#confirm-offset).
   */
  readonly readUnCommitted: boolean;

  readonly fileReservedTimeHours: number;
  /** Hours of day (`04`, or `01;04`) when expired files are deleted. */
  readonly deleteWhen: string;
  /** Percent of disk use above which expired files go at any hour. */
  readonly diskMaxUsedSpaceRatio: number;
  /** Percent above which non-expired files go too, oldest first. */
  readonly diskSpaceCleanForciblyRatio: number;
  /** Percent above which sends are refused with SERVICE_NOT_AVAILABLE. */
  readonly diskSpaceWarningLevelRatio: number;
  readonly cleanResourceIntervalMs: number;

  /** Largest body accepted, bytes (4 MiB). */
  readonly maxMessageSize: number;
  readonly messageIndexEnable: boolean;
  readonly maxHashSlotNum: number;
  readonly maxIndexNum: number;
  readonly maxMsgsNumBatch: number;

  readonly maxTransferBytesOnMessageInMemory: number;
  readonly maxTransferCountOnMessageInMemory: number;
  readonly maxTransferBytesOnMessageInDisk: number;
  readonly maxTransferCountOnMessageInDisk: number;
  /** Percent of RAM considered "in memory" when deciding whether a read is cold. */
  readonly accessMessageInMemoryMaxRatio: number;
}

const GIB = 1024 * 1024 * 1024;

export function defaultStoreConfig(storePathRootDir: string, overrides: Partial<StoreConfig> = {}): StoreConfig {
  return {
    storePathRootDir,
    storePathCommitLog: join(storePathRootDir, 'commitlog'),
    storePathConsumeQueue: join(storePathRootDir, 'consumequeue'),
    storePathIndex: join(storePathRootDir, 'index'),
    storeCheckpoint: join(storePathRootDir, 'checkpoint'),
    abortFile: join(storePathRootDir, 'abort'),
    storePathConfig: join(storePathRootDir, 'config'),
    mappedFileSizeCommitLog: GIB,
    mappedFileSizeConsumeQueue: 300_000 * 20,
    brokerRole: 'ASYNC_MASTER',
    flushDiskType: 'ASYNC_FLUSH',
    flushIntervalCommitLogMs: 500,
    flushCommitLogThoroughIntervalMs: 10_000,
    syncFlushTimeoutMs: 5_000,
    flushIntervalConsumeQueueMs: 1_000,
    readUnCommitted: false,
    fileReservedTimeHours: 72,
    deleteWhen: '04',
    diskMaxUsedSpaceRatio: 75,
    diskSpaceCleanForciblyRatio: 85,
    diskSpaceWarningLevelRatio: 90,
    cleanResourceIntervalMs: 10_000,
    maxMessageSize: 4 * 1024 * 1024,
    messageIndexEnable: true,
    maxHashSlotNum: 5_000_000,
    maxIndexNum: 20_000_000,
    maxMsgsNumBatch: 64,
    maxTransferBytesOnMessageInMemory: 256 * 1024,
    maxTransferCountOnMessageInMemory: 32,
    maxTransferBytesOnMessageInDisk: 64 * 1024,
    maxTransferCountOnMessageInDisk: 8,
    accessMessageInMemoryMaxRatio: 40,
    ...overrides,
  };
}
