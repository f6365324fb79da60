import { describe, expect, it } from 'vitest';

import { toPublishInfo } from '../route/topic-publish-info';
import { QueueSelector } from './queue-selector';

const route = {
  brokerDatas: [
    { cluster: 'c', brokerName: 'b', brokerAddrs: new Map([[0, '127.0.0.1:2']]), enableActingMaster: false },
    { cluster: 'c', brokerName: 'a', brokerAddrs: new Map([[0, '127.0.0.1:1']]), enableActingMaster: false },
    { cluster: 'c', brokerName: 'slave-only', brokerAddrs: new Map([[1, '127.0.0.1:3']]), enableActingMaster: false },
  ],
  queueDatas: [
    { brokerName: 'b', readQueueNums: 2, writeQueueNums: 2, perm: 6, topicSysFlag: 0 },
    { brokerName: 'a', readQueueNums: 2, writeQueueNums: 2, perm: 6, topicSysFlag: 0 },
    { brokerName: 'slave-only', readQueueNums: 2, writeQueueNums: 2, perm: 6, topicSysFlag: 0 },
  ],
  filterServerTable: new Map(),
};

describe('Client > Producer > queue selector', () => {
  it('lists the writable queues of brokers with a master, sorted by broker name', () => {
    const info = toPublishInfo('T', route, false);
    expect(info.queues.map((queue) => `${queue.brokerName}/${queue.queueId}`)).toEqual(['a/0', 'a/1', 'b/0', 'b/1']);
  });

  it('skips read-only queue data', () => {
    const readOnly = { ...route, queueDatas: route.queueDatas.map((queue) => (queue.brokerName === 'a' ? { ...queue, perm: 4 } : queue)) };
    expect(toPublishInfo('T', readOnly, false).queues.every((queue) => queue.brokerName === 'b')).toBe(true);
  });

  it('visits every queue once per round', () => {
    const info = toPublishInfo('T', route, false);
    const selector = new QueueSelector();
    const picked = Array.from({ length: 4 }, () => selector.select(info));
    expect(new Set(picked.map((queue) => `${queue?.brokerName}/${queue?.queueId}`)).size).toBe(4);
  });

  it('avoids the broker that just failed when another one has queues', () => {
    const info = toPublishInfo('T', route, false);
    const selector = new QueueSelector();
    for (let round = 0; round < 8; round += 1) expect(selector.select(info, 'a')?.brokerName).toBe('b');
  });

  it('falls back to the failed broker when it is the only one', () => {
    const info = toPublishInfo('T', { ...route, queueDatas: route.queueDatas.slice(1, 2) }, false);
    expect(new QueueSelector().select(info, 'a')?.brokerName).toBe('a');
  });
});
