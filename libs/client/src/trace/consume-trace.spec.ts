import { RecordingLogger } from '@rocketmq-ts/base';
import type { TraceRecord } from '@rocketmq-ts/protocol';
import { describe, expect, it } from 'vitest';

import type { ConsumeConcurrentlyContext, ConsumeOrderlyContext } from '../consumer/listener';
import type { MessageExt } from '../consumer/message-ext';
import { tracedConcurrentListener, tracedOrderlyListener } from './consume-trace';
import { TraceDispatcher } from './trace-dispatcher';

// SubBefore/SubAfter around listener calls: one request id per call, the outcome code per answer
// (0 success, 4 failed, 2 exception), a throw passed on unchanged.
const MESSAGE = { msgId: 'MSG1', keys: ['k1', 'k2'], reconsumeTimes: 2, properties: { MSG_REGION: 'RegionA' } } as unknown as MessageExt;
const CONCURRENT_CONTEXT = {
  messageQueue: { topic: 'T', brokerName: 'b', queueId: 0 },
  delayLevelWhenNextConsume: 0,
} satisfies ConsumeConcurrentlyContext;
const ORDERLY_CONTEXT = {
  messageQueue: { topic: 'T', brokerName: 'b', queueId: 0 },
  suspendCurrentQueueTimeMillis: 1000,
} satisfies ConsumeOrderlyContext;

function recorder(): { tracer: TraceDispatcher; records: TraceRecord[] } {
  const records: TraceRecord[] = [];
  const tracer = new TraceDispatcher({
    traceTopic: 'T',
    logger: new RecordingLogger(),
    sender: { start: () => Promise.resolve(), send: () => Promise.resolve(), shutdown: () => Promise.resolve() },
  });
  tracer.record = (record) => void records.push(record);
  return { tracer, records };
}

describe('consume trace', () => {
  it('writes SubBefore then SubAfter with one request id and success', async () => {
    const { tracer, records } = recorder();
    await tracedConcurrentListener(() => undefined, tracer, 'CG')(MESSAGE, CONCURRENT_CONTEXT);
    expect(records).toMatchObject([
      { type: 'SubBefore', groupName: 'CG', regionId: 'RegionA', msgId: 'MSG1', retryTimes: 2, keys: 'k1 k2' },
      { type: 'SubAfter', groupName: 'CG', msgId: 'MSG1', success: true, contextCode: 0, keys: 'k1 k2' },
    ]);
    const [before, after] = records as [Extract<TraceRecord, { type: 'SubBefore' }>, Extract<TraceRecord, { type: 'SubAfter' }>];
    expect(after.requestId).toBe(before.requestId);
  });

  it('records RECONSUME_LATER and SUSPEND as failed, a throw as an exception it passes on', async () => {
    const { tracer, records } = recorder();
    expect(await tracedConcurrentListener(() => 'RECONSUME_LATER', tracer, 'CG')(MESSAGE, CONCURRENT_CONTEXT)).toBe('RECONSUME_LATER');
    expect(await tracedOrderlyListener(() => 'SUSPEND_CURRENT_QUEUE_A_MOMENT', tracer, 'CG')(MESSAGE, ORDERLY_CONTEXT)).toBe(
      'SUSPEND_CURRENT_QUEUE_A_MOMENT',
    );
    await expect(
      tracedConcurrentListener(
        () => {
          throw new Error('boom');
        },
        tracer,
        'CG',
      )(MESSAGE, CONCURRENT_CONTEXT),
    ).rejects.toThrow('boom');
    const afters = records.filter((record) => record.type === 'SubAfter');
    expect(afters.map((record) => [record.success, record.contextCode])).toEqual([
      [false, 4],
      [false, 4],
      [false, 2],
    ]);
  });
});
