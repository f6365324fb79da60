import { join } from 'node:path';

import { describe, expect, it } from 'vitest';

import { defaultStoreConfig } from './store-config';

describe('Store > config', () => {
  it('lays the store out under its root as RocketMQ does', () => {
    const config = defaultStoreConfig('/data/store');
    expect(config.storePathCommitLog).toBe(join('/data/store', 'commitlog'));
    expect(config.storePathConsumeQueue).toBe(join('/data/store', 'consumequeue'));
    expect(config.abortFile).toBe(join('/data/store', 'abort'));
    expect(config.mappedFileSizeCommitLog).toBe(1024 * 1024 * 1024);
    expect(config.mappedFileSizeConsumeQueue).toBe(6_000_000);
  });

  it('takes overrides over defaults', () => {
    const config = defaultStoreConfig('/s', { flushDiskType: 'SYNC_FLUSH', mappedFileSizeCommitLog: 64 * 1024 * 1024 });
    expect(config.flushDiskType).toBe('SYNC_FLUSH');
    expect(config.mappedFileSizeCommitLog).toBe(64 * 1024 * 1024);
    expect(config.flushIntervalCommitLogMs).toBe(500);
  });
});
