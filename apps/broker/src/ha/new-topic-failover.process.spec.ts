import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { createRequest, RequestCode, ResponseCode } from '@rocketmq-ts/protocol';
import { RemotingClient } from '@rocketmq-ts/remoting';
import { createTopic, type LocalNamesrv, waitFor, withLogsOnFailure } from '@rocketmq-ts/testing';

import {
  type BrokerGroupUnderTest,
  createBrokerGroup,
  GroupMember,
  pullOnce,
  sendV2,
  SLAVE_REPORTED,
  waitForLines,
} from './testing/ha-group';

// A topic created on the master after the slave's last metadata round, written to, and the master
// SIGKILLed: the slave holds the acknowledged messages, and it must also know the topic, or it
// refuses every pull with TOPIC_NOT_EXIST and the messages are unreadable until the master returns.
// The periodic round is set to an hour here, so only the round the new topic's first replicated
// record asks for can teach the slave the topic (seen once in a load test: 7 acknowledged
// messages never consumed after a failover 4 s after the topic was created).
const TOPIC = 'BornLateTopic';
const BROKER_NAME = 'broker-late';
const SYNCED = /"msg":"slave synchronized metadata from the master"/;

describe('Broker > HA > a topic newer than the slave’s last metadata round', () => {
  const client = new RemotingClient();
  let group: BrokerGroupUnderTest | undefined;
  let namesrv: LocalNamesrv;
  let master: GroupMember;
  let slave: GroupMember;

  beforeAll(async () => {
    group = await createBrokerGroup('late', BROKER_NAME, {
      master: { slaveReadEnable: 'true' },
      slave: { slaveReadEnable: 'true', slaveSynchronizeIntervalMillis: '3600000' },
    });
    ({ namesrv, master, slave } = group);
    await master.start();
    await slave.start();
    await waitForLines(master, SLAVE_REPORTED, 1);
    await waitForLines(slave, SYNCED, 1);
  }, 120_000);

  async function slaveMaxOffset(): Promise<number | undefined> {
    const response = await client.invoke(
      slave.addr,
      createRequest(RequestCode.GET_MAX_OFFSET, { extFields: { topic: TOPIC, queueId: '0' } }),
      5_000,
    );
    return response.code === ResponseCode.SUCCESS ? Number(response.extFields?.['offset']) : undefined;
  }

  afterAll(async () => {
    await client.close();
    await group?.remove();
  });

  it('learns the topic from its first replicated record, and serves its messages once the master is dead', async () => {
    await withLogsOnFailure(async () => {
      await createTopic({ brokerAddr: master.addr, brokerName: BROKER_NAME, namesrvAddrs: [namesrv.addr] }, TOPIC, 1);
      const bodies = Array.from({ length: 5 }, (_, index) => `late-${index}`);
      // SYNC_MASTER: each SUCCESS means the slave holds the message.
      for (const body of bodies) expect((await sendV2(client, master.addr, TOPIC, body)).code).toBe(ResponseCode.SUCCESS);
      await waitFor(
        async () =>
          (await client.invoke(slave.addr, createRequest(RequestCode.GET_ALL_TOPIC_CONFIG), 5_000)).body
            ?.toString('utf8')
            .includes(`"${TOPIC}"`)
            ? true
            : undefined,
        { timeoutMs: 15_000, reason: 'the slave knows the topic created on its master after its last periodic round' },
      );
      // The slave acknowledges a record once it is in its commit log; its consume queue follows
      // asynchronously, so a pull at once may miss the last one (a consumer would simply pull again).
      await waitFor(async () => ((await slaveMaxOffset()) === bodies.length ? true : undefined), {
        timeoutMs: 15_000,
        reason: `the slave's consume queue holds all ${bodies.length} replicated messages`,
      });

      master.running.kill('SIGKILL');
      await master.running.exited;
      const pulled = await pullOnce(client, slave.addr, 'late_group', TOPIC, 0);
      expect({ code: pulled.code, bodies: pulled.bodies }).toEqual({ code: ResponseCode.SUCCESS, bodies });
    });
  }, 120_000);
});
