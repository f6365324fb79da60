import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { PushConsumer } from '@rocketmq-ts/client';
import { createRequest, RequestCode, ResponseCode } from '@rocketmq-ts/protocol';
import { RemotingClient } from '@rocketmq-ts/remoting';
import { createTopic, type LocalNamesrv, waitFor, withLogsOnFailure } from '@rocketmq-ts/testing';

import { type BrokerGroupUnderTest, createBrokerGroup, GroupMember, sendV2, SLAVE_REPORTED, waitForLines } from './testing/ha-group';

// A push consumer running all along keeps consuming from the slave after its master is SIGKILLed,
// commits its offsets to the slave meanwhile, and goes back to the master when it returns on the
// same store; no acknowledged message is missed and the master ends up with the latest offset.
const TOPIC = 'FailoverTopic';
const GROUP = 'FailoverGroup';
const BROKER_NAME = 'broker-fo';

describe('Broker > HA > consuming through a master failure', () => {
  const client = new RemotingClient();
  let group: BrokerGroupUnderTest | undefined;
  let namesrv: LocalNamesrv;
  let master: GroupMember;
  let slave: GroupMember;
  let consumer: PushConsumer | undefined;

  beforeAll(async () => {
    group = await createBrokerGroup('fo', BROKER_NAME, {
      master: { slaveReadEnable: 'true' },
      slave: { slaveReadEnable: 'true', slaveSynchronizeIntervalMillis: '500' },
    });
    ({ namesrv, master, slave } = group);
    await master.start();
    await slave.start();
    await waitForLines(master, SLAVE_REPORTED, 1);
    await createTopic({ brokerAddr: master.addr, brokerName: BROKER_NAME, namesrvAddrs: [namesrv.addr] }, TOPIC, 1);
    await waitFor(
      async () =>
        (await client.invoke(slave.addr, createRequest(RequestCode.GET_ALL_TOPIC_CONFIG), 5_000)).body
          ?.toString('utf8')
          .includes(`"${TOPIC}"`)
          ? true
          : undefined,
      { timeoutMs: 10_000, reason: 'the slave knows the topic' },
    );
  }, 120_000);

  afterAll(async () => {
    await consumer?.shutdown();
    await client.close();
    await group?.remove();
  });

  const queryOffset = async (addr: string): Promise<number> => {
    const response = await client.invoke(
      addr,
      createRequest(RequestCode.QUERY_CONSUMER_OFFSET, { extFields: { consumerGroup: GROUP, topic: TOPIC, queueId: '0' } }),
      5_000,
    );
    return response.code === ResponseCode.SUCCESS ? Number(response.extFields?.['offset']) : -1;
  };

  it('consumes from the slave while the master is down and from the master once it is back', async () => {
    await withLogsOnFailure(async () => {
      const sentBefore = Array.from({ length: 20 }, (_, index) => `before-${index}`);
      for (const body of sentBefore) expect((await sendV2(client, master.addr, TOPIC, body)).code).toBe(ResponseCode.SUCCESS);

      // The first message holds the listener until the master is dead; flow control (threshold 1)
      // keeps the consumer from pulling the rest before that, so they can only come from the slave.
      let openGate: () => void = () => undefined;
      const gate = new Promise<void>((resolve) => {
        openGate = resolve;
      });
      const consumed: string[] = [];
      let consumedBeforeKill = 0;
      consumer = new PushConsumer({
        namesrvAddr: namesrv.addr,
        consumerGroup: GROUP,
        consumeFromWhere: 'CONSUME_FROM_FIRST_OFFSET',
        pullBatchSize: 1,
        pullThresholdForQueue: 1,
        consumeThreadMax: 1,
        routeRefreshIntervalMs: 1_000,
        pullDelayOnErrorMs: 200,
        persistConsumerOffsetIntervalMs: 500,
      });
      consumer.subscribe(TOPIC);
      consumer.onMessage(async (message) => {
        const body = message.body.toString('utf8');
        if (body === 'before-0') await gate;
        consumed.push(body);
      });
      await consumer.start();
      await waitFor(() => (consumer?.assignedQueues().some((queue) => queue.topic === TOPIC) ? true : undefined), {
        timeoutMs: 20_000,
        reason: 'queue assigned',
      });
      await new Promise((resolve) => setTimeout(resolve, 1_000));

      master.running.kill('SIGKILL');
      await master.running.exited;
      consumedBeforeKill = consumed.length;
      openGate();
      await waitFor(() => (consumed.length >= sentBefore.length ? true : undefined), {
        timeoutMs: 30_000,
        reason: 'all acknowledged messages consumed, the rest from the slave',
      });
      expect(new Set(consumed)).toEqual(new Set(sentBefore));
      expect(consumed.length - consumedBeforeKill).toBeGreaterThanOrEqual(sentBefore.length - 3);
      await waitFor(async () => ((await queryOffset(slave.addr)) === sentBefore.length ? true : undefined), {
        timeoutMs: 10_000,
        reason: 'offset committed to the slave',
      });

      await master.start();
      await slave.running.waitForOutput(/HA connected to the master/, { timeoutMs: 30_000, reason: 'slave back on its master' });
      const sentAfter = Array.from({ length: 5 }, (_, index) => `after-${index}`);
      // Until the slave is back the restarted master stores sends but answers SLAVE_NOT_AVAILABLE.
      let probes = 0;
      await waitFor(
        async () => {
          probes++;
          return (await sendV2(client, master.addr, TOPIC, 'probe')).code === ResponseCode.SUCCESS ? true : undefined;
        },
        { timeoutMs: 20_000, reason: 'restarted master acks again' },
      );
      for (const body of sentAfter) expect((await sendV2(client, master.addr, TOPIC, body)).code).toBe(ResponseCode.SUCCESS);
      const total = sentBefore.length + probes + sentAfter.length;
      await waitFor(() => (consumed.length >= total ? true : undefined), {
        timeoutMs: 40_000,
        reason: 'messages sent after the restart consumed',
      });
      expect(consumed.slice(sentBefore.length)).toEqual([...Array.from({ length: probes }, () => 'probe'), ...sentAfter]);
      await waitFor(async () => ((await queryOffset(master.addr)) === total ? true : undefined), {
        timeoutMs: 20_000,
        reason: 'the master holds the latest offset',
      });
    });
  }, 180_000);
});
