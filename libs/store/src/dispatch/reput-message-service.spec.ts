/**
 * Proves dispatch over a fake commit log (records encoded by the model's encoder, segments closed
 * by BLANK markers): entries and keys appear in order across segment rolls, transaction halves
 * stay out of consume queues, listeners fire once an entry is readable, the horizon is respected,
 * and the running service picks up appends by itself.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { ManualClock, silentLogger } from '@rocketmq-ts/base';
import { encodeMessageProperties, javaStringHashCode, MessageSysFlag } from '@rocketmq-ts/model';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { entryTagsCode } from '../consume-queue/consume-queue-entry';
import { ConsumeQueueStore } from '../consume-queue/consume-queue-store';
import { IndexService } from '../index-file/index-service';
import type { MessageArrivingListener } from '../message-store';
import { FakeCommitLogReader } from '../testing/commit-log-reader.fake';
import { ReputMessageService } from './reput-message-service';
import { createStoreDispatcher } from './store-dispatcher';

let dir: string;
let log: FakeCommitLogReader;
let queues: ConsumeQueueStore;
let index: IndexService;
let arrivals: Array<[string, number, number]>;
let reput: ReputMessageService;

function append(queueOffset: number, properties: Record<string, string>, sysFlag = 0, topic = 'T'): number {
  return log.append({
    topic,
    queueId: 0,
    queueOffset,
    storeTimestamp: 1_700_000_000_000,
    sysFlag,
    properties: encodeMessageProperties(properties),
  });
}

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'reput-'));
  log = new FakeCommitLogReader(1024);
  queues = new ConsumeQueueStore(join(dir, 'cq'), 2000, silentLogger);
  index = new IndexService(join(dir, 'index'), { hashSlotNum: 16, indexNum: 64 }, new ManualClock(), silentLogger);
  index.load(true);
  arrivals = [];
  const listener: MessageArrivingListener = ({ topic, queueId, logicOffsetAfter }) => arrivals.push([topic, queueId, logicOffsetAfter]);
  reput = new ReputMessageService({
    reader: log,
    dispatch: createStoreDispatcher({ consumeQueues: queues, index, listeners: [listener] }),
    tickMs: 60_000,
    logger: silentLogger,
  });
});
afterEach(async () => {
  await reput.stop();
  queues.close();
  await index.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('Store > ReputMessageService', () => {
  it('builds consume-queue entries, tags codes and index keys across segment rolls', async () => {
    const offsets: number[] = [];
    for (let i = 0; i < 20; i++) offsets.push(append(i, { TAGS: `tag${i % 2}`, KEYS: `key${i}`, UNIQ_KEY: `U${i}` }));
    expect(Math.max(...offsets)).toBeGreaterThan(2048);
    await reput.drain();
    const queue = queues.find('T', 0);
    expect(queue?.getMaxOffsetInQueue()).toBe(20);
    expect(entryTagsCode(queue?.readEntries(3, 1) ?? Buffer.alloc(0), 0)).toBe(javaStringHashCode('tag1'));
    expect(
      index.queryOffsets({ topic: 'T', key: 'key17', maxNum: 10, beginTimestampMs: 0, endTimestampMs: Number.MAX_SAFE_INTEGER }),
    ).toEqual([offsets[17]]);
    expect(index.queryOffsets({ topic: 'T', key: 'U5', maxNum: 10, beginTimestampMs: 0, endTimestampMs: Number.MAX_SAFE_INTEGER })).toEqual(
      [offsets[5]],
    );
    expect(reput.getReputFromOffset()).toBe(log.maxOffset());
    expect(reput.behindBytes()).toBe(0);
    expect(arrivals).toHaveLength(20);
    expect(arrivals[19]).toEqual(['T', 0, 20]);
  });

  it('keeps PREPARED and ROLLBACK halves out of consume queues; PREPARED is still indexed', async () => {
    append(0, { KEYS: 'half' }, MessageSysFlag.TRANSACTION_PREPARED_TYPE);
    append(0, { KEYS: 'rolled' }, MessageSysFlag.TRANSACTION_ROLLBACK_TYPE);
    append(0, { KEYS: 'plain' });
    await reput.drain();
    expect(queues.find('T', 0)?.getMaxOffsetInQueue()).toBe(1);
    expect(
      index.queryOffsets({ topic: 'T', key: 'half', maxNum: 10, beginTimestampMs: 0, endTimestampMs: Number.MAX_SAFE_INTEGER }),
    ).toHaveLength(1);
    expect(
      index.queryOffsets({ topic: 'T', key: 'rolled', maxNum: 10, beginTimestampMs: 0, endTimestampMs: Number.MAX_SAFE_INTEGER }),
    ).toHaveLength(0);
    expect(arrivals).toEqual([['T', 0, 1]]);
  });

  it('stops at the confirm offset (the SYNC_FLUSH horizon)', async () => {
    append(0, {});
    log.confirmLimit = log.maxOffset();
    append(1, {});
    await reput.drain();
    expect(queues.find('T', 0)?.getMaxOffsetInQueue()).toBe(1);
    // Held bytes are not "behind": behind counts only up to the horizon, as RocketMQ's does.
    expect(reput.behindBytes()).toBe(0);
    log.confirmLimit = undefined;
    expect(reput.behindBytes()).toBeGreaterThan(0);
    await reput.drain();
    expect(queues.find('T', 0)?.getMaxOffsetInQueue()).toBe(2);
  });

  it('files a delayed message under its delivery time when given the delay-level table', async () => {
    const scheduled = new ReputMessageService({
      reader: log,
      dispatch: createStoreDispatcher({ consumeQueues: queues, index: undefined, listeners: [] }),
      tickMs: 60_000,
      logger: silentLogger,
      deliverTimestampOf: (level, storeMs) => storeMs + level * 1000,
    });
    append(0, { DELAY: '3', TAGS: 'a' }, 0, 'SCHEDULE_TOPIC_XXXX');
    append(0, { DELAY: '3', TAGS: 'a' }, 0, 'Plain');
    await scheduled.drain();
    expect(entryTagsCode(queues.find('SCHEDULE_TOPIC_XXXX', 0)?.readEntries(0, 1) ?? Buffer.alloc(0), 0)).toBe(1_700_000_003_000);
    expect(entryTagsCode(queues.find('Plain', 0)?.readEntries(0, 1) ?? Buffer.alloc(0), 0)).toBe(javaStringHashCode('a'));
  });

  it('once started, dispatches appends as they happen and wakes listeners', async () => {
    reput.start();
    const arrived = new Promise<void>((resolve) => {
      const waitFor = (): void => void (arrivals.length > 0 ? resolve() : setImmediate(waitFor));
      waitFor();
    });
    append(0, { TAGS: 'a' });
    await arrived;
    expect(arrivals).toEqual([['T', 0, 1]]);
  });
});
