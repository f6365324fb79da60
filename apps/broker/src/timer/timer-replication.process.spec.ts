import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { encodeMessageProperties } from '@rocketmq-ts/model';
import { createRequest, RequestCode, ResponseCode, SendMessageRequestHeaderV2 } from '@rocketmq-ts/protocol';
import { RemotingClient } from '@rocketmq-ts/remoting';
import { createTopic, type LocalNamesrv, waitFor, withLogsOnFailure } from '@rocketmq-ts/testing';

import { type BrokerGroupUnderTest, createBrokerGroup, GroupMember, pullAll, SLAVE_REPORTED, waitForLines } from '../ha/testing/ha-group';
import { decodeTimerCheckpointBody } from './timer-checkpoint-body';

// Timer messages on a SYNC_MASTER with a SLAVE, as bin/mqbroker processes: the staged message is
// replicated, only the master delivers it (the slave's real topic holds exactly the master's
// copy), and the slave's timer read time follows the master's through GET_TIMER_CHECK_POINT, so
// a slave promoted later would not deliver the finished slots again.
const TOPIC = 'HaTimerTopic';

describe('Broker > timer > master and slave processes', () => {
  const client = new RemotingClient();
  let group: BrokerGroupUnderTest | undefined;
  let namesrv: LocalNamesrv;
  let master: GroupMember;
  let slave: GroupMember;

  beforeAll(async () => {
    group = await createBrokerGroup('timer', 'broker-timer-ha', {
      master: { slaveReadEnable: 'true' },
      slave: { slaveReadEnable: 'true', slaveSynchronizeIntervalMillis: '500' },
    });
    ({ namesrv, master, slave } = group);
    await master.start();
    await createTopic({ brokerAddr: master.addr, brokerName: 'broker-timer-ha', namesrvAddrs: [namesrv.addr] }, TOPIC, 1);
    await slave.start();
    await waitForLines(master, SLAVE_REPORTED, 1);
  }, 180_000);

  afterAll(async () => {
    await client.close();
    await group?.remove();
  });

  async function checkpointOf(member: GroupMember): Promise<{ readTimeMs: number; stagingQueueOffset: number }> {
    const response = await client.invoke(member.addr, createRequest(RequestCode.GET_TIMER_CHECK_POINT), 10_000);
    expect(response.code).toBe(ResponseCode.SUCCESS);
    return decodeTimerCheckpointBody(response.body ?? Buffer.alloc(0)) ?? { readTimeMs: Number.NaN, stagingQueueOffset: Number.NaN };
  }

  const readTimeOf = async (member: GroupMember): Promise<number> => (await checkpointOf(member)).readTimeMs;

  function sendTimer(addr: string, body: string, deliverAt: number) {
    const extFields = SendMessageRequestHeaderV2.encodeFromV1({
      producerGroup: 'HA_PG',
      topic: TOPIC,
      defaultTopic: 'TBW102',
      defaultTopicQueueNums: 1,
      queueId: 0,
      sysFlag: 0,
      bornTimestamp: Date.now(),
      flag: 0,
      properties: encodeMessageProperties({ TIMER_DELIVER_MS: String(deliverAt), WAIT: 'true' }),
    });
    return client.invoke(
      addr,
      createRequest(RequestCode.SEND_MESSAGE_V2, { extFields, body: Buffer.from(body), language: 'JAVA' }),
      10_000,
    );
  }

  it('the master alone delivers; the slave holds the delivered copy and follows the read time', async () => {
    await withLogsOnFailure(async () => {
      const deliverAt = Date.now() + 2_000;
      expect((await sendTimer(master.addr, 'timed', deliverAt)).code).toBe(ResponseCode.SUCCESS);

      await waitFor(async () => (await pullAll(client, master.addr, 'HaTimerGroup', TOPIC)).length === 1, {
        timeoutMs: 15_000,
        intervalMs: 200,
        reason: 'the master delivered the timer message',
      });
      expect(Date.now()).toBeGreaterThanOrEqual(deliverAt);
      await waitFor(async () => (await pullAll(client, slave.addr, 'HaTimerGroup', TOPIC)).length === 1, {
        timeoutMs: 15_000,
        intervalMs: 200,
        reason: 'the slave holds the delivered copy',
      });

      const masterReadTime = await readTimeOf(master);
      expect(masterReadTime).toBeGreaterThan(deliverAt - 1_000);
      await waitFor(async () => (await readTimeOf(slave)) >= masterReadTime, {
        timeoutMs: 15_000,
        intervalMs: 200,
        reason: "the slave's timer read time caught up with the master's",
      });
      // Rounds later the slave still delivered nothing of its own: one copy, the master's.
      await new Promise((resolve) => setTimeout(resolve, 1_500));
      expect(await pullAll(client, slave.addr, 'HaTimerGroup', TOPIC)).toEqual(['timed']);
      expect(slave.countLines(/timer delivery/)).toBe(0);
    });
  });

  it('a slave restarted as master after the master died delivers what was pending, and nothing the master delivered', async () => {
    await withLogsOnFailure(async () => {
      const deliverAt = Date.now() + 6_000;
      expect((await sendTimer(master.addr, 'pending', deliverAt)).code).toBe(ResponseCode.SUCCESS);
      await waitFor(async () => (await checkpointOf(slave)).stagingQueueOffset >= 2, {
        timeoutMs: 15_000,
        intervalMs: 200,
        reason: 'the slave logged the pending timer message',
      });
      const followed = await readTimeOf(slave);
      expect(followed).toBeLessThan(deliverAt);

      master.running.kill('SIGKILL');
      await master.running.waitForExit({ timeoutMs: 15_000, reason: 'master gone after SIGKILL' });
      await slave.running.stop({ graceMs: 10_000 });
      const promoted = await GroupMember.create({
        name: 'timer-promoted',
        namesrvAddr: namesrv.addr,
        brokerName: 'broker-timer-ha',
        brokerRole: 'ASYNC_MASTER',
        settings: { storePathRootDir: slave.dir.join('store') },
      });
      await promoted.start();
      try {
        await waitFor(async () => (await pullAll(client, promoted.addr, 'HaTimerGroup', TOPIC)).length >= 2, {
          timeoutMs: 30_000,
          intervalMs: 200,
          reason: 'the promoted broker delivered the pending message',
        });
        expect(Date.now()).toBeGreaterThanOrEqual(deliverAt);
        await new Promise((resolve) => setTimeout(resolve, 1_500));
        expect(await pullAll(client, promoted.addr, 'HaTimerGroup', TOPIC)).toEqual(['timed', 'pending']);
      } finally {
        promoted.dir.remove();
      }
    });
  });
});
