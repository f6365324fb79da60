import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { ManualClock } from '@rocketmq-ts/base';
import { waitFor } from '@rocketmq-ts/testing';
import { decodeMessageRecord, MessageConst, parseMessageProperties, RMQ_SYS_SCHEDULE_TOPIC } from '@rocketmq-ts/model';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { atomicJsonConfigFile } from '../offsets/json-config-file';
import { ScheduleMessageService } from './schedule-message-service';
import { InMemoryMessageStore } from '../testing/in-memory-message-store';
import { fixtureMessage } from '../testing/message-fixtures';
import { standalonePut } from '../put/testing/standalone-put';

describe('Broker > schedule > ScheduleMessageService', () => {
  let dir: string;
  let clock: ManualClock;
  let store: InMemoryMessageStore;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'broker-schedule-'));
    clock = new ManualClock();
    store = new InMemoryMessageStore(clock);
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const newService = () =>
    new ScheduleMessageService({
      store,
      put: standalonePut(store),
      clock,
      delayLevelsMs: [1_000, 5_000, 10_000],
      offsetFile: atomicJsonConfigFile(join(dir, 'delayOffset.json')),
      persistIntervalMs: 60_000,
    });

  async function firstRecord(topic: string, queueId: number) {
    const result = await store.getMessage({ group: 'g', topic, queueId, offset: 0, maxMsgNums: 1, maxMsgBytes: 0, filter: undefined });
    return result.messages[0] === undefined ? undefined : decodeMessageRecord(result.messages[0]);
  }

  it('redirects a DELAY message to its level queue with the real destination and the delivery time as tags code', () => {
    const wrapped = newService().wrapForDelay(fixtureMessage({ topic: 'T', queueId: 3, tags: 'A', properties: { DELAY: '2' } }));
    expect(wrapped).toMatchObject({ topic: RMQ_SYS_SCHEDULE_TOPIC, queueId: 1, tagsCode: clock.nowMs() + 5_000 });
    const properties = parseMessageProperties(wrapped.properties);
    expect(properties.get(MessageConst.PROPERTY_REAL_TOPIC)).toBe('T');
    expect(properties.get(MessageConst.PROPERTY_REAL_QUEUE_ID)).toBe('3');
  });

  it('caps the level at the highest and leaves messages without DELAY untouched', () => {
    const service = newService();
    expect(service.wrapForDelay(fixtureMessage({ topic: 'T', properties: { DELAY: '99' } })).queueId).toBe(2);
    const plain = fixtureMessage({ topic: 'T' });
    expect(service.wrapForDelay(plain)).toBe(plain);
  });

  it('delivers a message to its real topic once its delay has passed, not before', async () => {
    const service = newService();
    await store.putMessage(
      service.wrapForDelay(fixtureMessage({ topic: 'T', queueId: 1, tags: 'A', keys: 'k1', properties: { DELAY: '1' } })),
    );
    await service.runLevel(1);
    expect(store.getMaxOffsetInQueue('T', 1)).toBe(0);

    clock.advance(1_000);
    await service.runLevel(1);
    const delivered = await firstRecord('T', 1);
    expect(delivered?.topic).toBe('T');
    // Apache 5.3.3 delivers the message with its DELAY property; so do we.
    expect(parseMessageProperties(delivered?.properties ?? '').get(MessageConst.PROPERTY_DELAY_TIME_LEVEL)).toBe('1');
    expect(service.offsetOf(1)).toBe(1);
  });

  it('keeps level offsets across a restart in delayOffset.json with bare level keys', async () => {
    const first = newService();
    await store.putMessage(first.wrapForDelay(fixtureMessage({ topic: 'T', properties: { DELAY: '3' } })));
    clock.advance(10_000);
    await first.runLevel(3);
    await first.shutdown();
    expect(readFileSync(join(dir, 'delayOffset.json'), 'utf8')).toBe('{"offsetTable":{3:1}}');

    const second = newService();
    await second.load();
    expect(second.offsetOf(3)).toBe(1);
    await second.runLevel(3);
    expect(store.getMaxOffsetInQueue('T', 0)).toBe(1);
  });

  it('is woken by an arrival in a schedule queue once started', async () => {
    const service = new ScheduleMessageService({
      store,
      put: standalonePut(store),
      clock,
      delayLevelsMs: [0],
      offsetFile: atomicJsonConfigFile(join(dir, 'delayOffset.json')),
      persistIntervalMs: 60_000,
      idlePollMs: 60_000,
    });
    store.onMessageArriving(({ topic, queueId }) => service.onMessageArriving(topic, queueId));
    service.start();
    try {
      await store.putMessage(service.wrapForDelay(fixtureMessage({ topic: 'T', properties: { DELAY: '1' } })));
      await waitFor(() => store.getMaxOffsetInQueue('T', 0) === 1, { timeoutMs: 5_000, reason: 'the zero-delay message delivered to T' });
      expect(service.offsetOf(1)).toBe(1);
    } finally {
      await service.shutdown();
    }
  });
});
