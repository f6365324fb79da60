import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { ManualClock } from '@rocketmq-ts/base';
import { ResponseCode } from '@rocketmq-ts/protocol';

import { type FakeBroker, type FakeNamesrv, startFakeBroker, startFakeNamesrv } from '../testing/fake-cluster';
import { Producer } from './producer';

// The latency half of fault avoidance, on a ManualClock: the slow broker answers successfully but
// "takes" 600 ms of clock time per send (it moves the clock as the send arrives), which Java's
// table (550 ms and up) answers with a 30 s penalty. No real slowness, no real waiting.
/** Queues of the route (8 per broker): round robin passes every one within this many sends. */
const ROTATION = 16;

describe('Client > Producer > latency fault window on the clock', () => {
  const clock = new ManualClock();
  let slow: FakeBroker;
  let fast: FakeBroker;
  let namesrv: FakeNamesrv;

  beforeAll(async () => {
    slow = await startFakeBroker('a-slow', ResponseCode.SUCCESS, { onSend: () => clock.advance(600) });
    fast = await startFakeBroker('b-fast', ResponseCode.SUCCESS);
    namesrv = await startFakeNamesrv([slow, fast]);
  });

  afterAll(async () => {
    await namesrv?.close();
    await slow?.close();
    await fast?.close();
  });

  it('avoids a broker that answered in 600 ms for 30 s of clock time, then uses it again', async () => {
    const producer = new Producer({
      namesrvAddr: namesrv.address,
      producerGroup: 'client_latency_window',
      sendLatencyFaultEnable: true,
      clock,
    });
    await producer.start();
    try {
      const send = async (): Promise<string> => (await producer.send({ topic: 'LatencyTopic', body: 'm' })).messageQueue.brokerName;
      /** Sends until one lands on `brokerName`, at most once around all 16 queues; how many it took. */
      const sendsUntil = async (brokerName: string): Promise<number> => {
        for (let sends = 1; sends <= ROTATION; sends += 1) if ((await send()) === brokerName) return sends;
        return Number.POSITIVE_INFINITY;
      };
      expect(await sendsUntil('a-slow')).toBeLessThanOrEqual(ROTATION);
      expect(slow.sendTopics).toHaveLength(1);
      const penaltyStartedMs = clock.nowMs();

      for (let index = 0; index < ROTATION; index += 1) expect(await send()).toBe('b-fast');
      clock.advance(29_999 - (clock.nowMs() - penaltyStartedMs));
      for (let index = 0; index < ROTATION; index += 1) expect(await send()).toBe('b-fast');
      expect(slow.sendTopics).toHaveLength(1);

      clock.advance(1);
      expect(await sendsUntil('a-slow')).toBeLessThanOrEqual(ROTATION);
      expect(slow.sendTopics).toHaveLength(2);
    } finally {
      await producer.shutdown();
    }
  });
});
