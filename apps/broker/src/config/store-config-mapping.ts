import { join } from 'node:path';

import { defaultStoreConfig, type StoreConfig } from '@rocketmq-ts/store';

import type { BrokerConfig } from './broker-config.schema';
import { brokerConfigSchema } from './broker-config.schema';

/**
 * The store's slice of the broker config. Java spells the commit-log segment key `maped…`; the
 * correct spelling wins when it was changed from its default, so either works in broker.conf.
 */
export function toStoreConfig(config: BrokerConfig): StoreConfig {
  const root = config.storePathRootDir;
  const defaultSegmentBytes = brokerConfigSchema.fields.mappedFileSizeCommitLog.defaultValue;
  const segmentBytes =
    config.mappedFileSizeCommitLog !== defaultSegmentBytes ? config.mappedFileSizeCommitLog : config.mapedFileSizeCommitLog;
  return defaultStoreConfig(root, {
    storePathCommitLog: config.storePathCommitLog || join(root, 'commitlog'),
    storePathConsumeQueue: config.storePathConsumeQueue || join(root, 'consumequeue'),
    storePathIndex: config.storePathIndex || join(root, 'index'),
    storeCheckpoint: config.storeCheckpoint || join(root, 'checkpoint'),
    abortFile: config.abortFile || join(root, 'abort'),
    mappedFileSizeCommitLog: segmentBytes,
    mappedFileSizeConsumeQueue: config.mapedFileSizeConsumeQueue,
    brokerRole: config.brokerRole,
    flushDiskType: config.flushDiskType,
    readUnCommitted: config.readUnCommitted,
    flushIntervalCommitLogMs: config.flushIntervalCommitLog,
    syncFlushTimeoutMs: config.syncFlushTimeout,
    fileReservedTimeHours: config.fileReservedTime,
    deleteWhen: config.deleteWhen,
    diskMaxUsedSpaceRatio: config.diskMaxUsedSpaceRatio,
    maxMessageSize: config.maxMessageSize,
    messageIndexEnable: config.messageIndexEnable,
    accessMessageInMemoryMaxRatio: config.accessMessageInMemoryMaxRatio,
  });
}
