import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { ManualClock } from '@rocketmq-ts/base';
import { ResponseCode } from '@rocketmq-ts/protocol';

import { type FakeBroker, type FakeNamesrv, startFakeBroker, startFakeNamesrv } from '../testing/fake-cluster';
import { Producer } from './producer';

// The latency half of fault avoidance, on a ManualClock: the slow broker answers successfully but
// "takes" 600 ms of clock time per send (it moves the clock as the send arrives), which Java's
// table (550 ms and up) answers with a 30 s penalty. No real slowness, no real waiting.
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
    const producer = new Producer({ namesrvAddr: namesrv.address, producerGroup: 'client_latency_window', sendLatencyFaultEnable: true, clock });
    await producer.start();
    try {
      const send = async (): Promise<string> => (await producer.send({ topic: 'LatencyTopic', body: 'm' })).messageQueue.brokerName;
      const first = [await send(), await send()];
      expect(first).toContain('a-slow'); // round robin reaches it within two sends
      expect(slow.sendTopics).toHaveLength(1);
      const penaltyStartedMs = clock.nowMs();

      for (let index = 0; index < 6; index += 1) expect(await send()).toBe('b-fast');
      clock.advance(29_999 - (clock.nowMs() - penaltyStartedMs));
      for (let index = 0; index < 4; index += 1) expect(await send()).toBe('b-fast');
      expect(slow.sendTopics).toHaveLength(1);

      clock.advance(1);
      const later = [await send(), await send()];
      expect(later).toContain('a-slow');
      expect(slow.sendTopics).toHaveLength(2);
    } finally {
      await producer.shutdown();
    }
  });
});
