import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { decodeOffsetMessageId, encodeMessageProperties } from '@rocketmq-ts/model';
import {
  ConsumerSendMsgBackRequestHeader,
  createRequest,
  RequestCode,
  ResponseCode,
  SendMessageRequestHeaderV2,
} from '@rocketmq-ts/protocol';
import { RemotingClient } from '@rocketmq-ts/remoting';
import { createGroup, createTopic, type LocalNamesrv, waitFor, withLogsOnFailure } from '@rocketmq-ts/testing';

import {
  type BrokerGroupUnderTest,
  createBrokerGroup,
  GroupMember,
  pullAll,
  sendV2,
  SLAVE_REPORTED,
  waitForLines,
} from '../ha/testing/ha-group';

// The broker's own puts on a SYNC_MASTER (docs/broker-put-path.md), with real processes: while
// the slave is down, a consumer's send-back is refused with SLAVE_NOT_AVAILABLE and nothing is
// stored, and a due delayed message waits in its schedule queue instead of reaching its topic
// with only the master holding it. Once the slave is back, both go through.
const TOPIC = 'InternalPutTopic';
const GROUP = 'InternalPutGroup';
const BROKER = 'broker-internal';
const FAST_DELAY_LEVELS = Array.from({ length: 18 }, () => '1s').join(' ');

describe('Broker > put pipeline > SYNC_MASTER puts of its own wait for the slave', () => {
  const client = new RemotingClient();
  let group: BrokerGroupUnderTest | undefined;
  let namesrv: LocalNamesrv;
  let master: GroupMember;
  let slave: GroupMember;

  const sendDelayed = (body: string) => {
    const extFields = SendMessageRequestHeaderV2.encodeFromV1({
      producerGroup: 'INTERNAL_PG',
      topic: TOPIC,
      defaultTopic: 'TBW102',
      defaultTopicQueueNums: 1,
      queueId: 0,
      sysFlag: 0,
      bornTimestamp: Date.now(),
      flag: 0,
      properties: encodeMessageProperties({ KEYS: body, DELAY: '1', WAIT: 'true' }),
    });
    return client.invoke(
      master.addr,
      createRequest(RequestCode.SEND_MESSAGE_V2, { extFields, body: Buffer.from(body), language: 'JAVA' }),
      10_000,
    );
  };
  const sendBack = (offsetMsgId: string) =>
    client.invoke(
      master.addr,
      createRequest(RequestCode.CONSUMER_SEND_MSG_BACK, {
        extFields: ConsumerSendMsgBackRequestHeader.encode({
          offset: decodeOffsetMessageId(offsetMsgId).physicalOffset,
          group: GROUP,
          delayLevel: 0,
          unitMode: false,
          originTopic: TOPIC,
        }),
        language: 'JAVA',
      }),
      10_000,
    );
  const retried = () => pullAll(client, master.addr, 'Reader', `%RETRY%${GROUP}`);
  const inTopic = () => pullAll(client, master.addr, 'Reader', TOPIC);

  beforeAll(async () => {
    group = await createBrokerGroup('internal', BROKER, {
      master: { slaveTimeout: '1500', messageDelayLevel: FAST_DELAY_LEVELS },
      slave: { slaveSynchronizeIntervalMillis: '500', messageDelayLevel: FAST_DELAY_LEVELS },
    });
    ({ namesrv, master, slave } = group);
    await master.start();
    await slave.start();
    await waitForLines(master, SLAVE_REPORTED, 1);
    await createTopic({ brokerAddr: master.addr, brokerName: BROKER, namesrvAddrs: [namesrv.addr] }, TOPIC, 1);
    await createGroup(master.addr, GROUP);
  }, 180_000);

  afterAll(async () => {
    await client.close();
    await group?.remove();
  });

  it('refuses a send-back and holds a due delayed message while the slave is down, and lets both through once it is back', async () => {
    await withLogsOnFailure(async () => {
      const original = await sendV2(client, master.addr, TOPIC, 'to-retry');
      expect(original.code).toBe(ResponseCode.SUCCESS);
      const offsetMsgId = String(original.extFields?.['msgId']);

      slave.running.kill('SIGKILL');
      await slave.running.waitForExit({ timeoutMs: 30_000, reason: 'the slave gone' });
      // The master notices when the HA connection closes: a client send is then stored and flagged.
      await waitFor(
        async () => ((await sendV2(client, master.addr, TOPIC, 'probe')).code === ResponseCode.SLAVE_NOT_AVAILABLE ? true : undefined),
        {
          timeoutMs: 30_000,
          reason: 'the master without its slave',
        },
      );

      const refused = await sendBack(offsetMsgId);
      expect([refused.code, refused.remark]).toEqual([ResponseCode.SLAVE_NOT_AVAILABLE, expect.stringContaining('nothing was stored')]);
      expect(await retried()).toEqual([]);

      expect((await sendDelayed('delayed')).code).toBe(ResponseCode.SLAVE_NOT_AVAILABLE);
      // Level 1 is due after 1 s; give the schedule service three times that.
      await new Promise((resolve) => setTimeout(resolve, 3_000));
      expect(await inTopic()).not.toContain('delayed');

      await slave.start();
      await waitForLines(master, SLAVE_REPORTED, 1);
      await waitFor(async () => ((await inTopic()).includes('delayed') ? true : undefined), {
        timeoutMs: 30_000,
        reason: 'the delayed message delivered once the slave is back',
      });
      expect((await sendBack(offsetMsgId)).code).toBe(ResponseCode.SUCCESS);
      // The retry goes through its delay level (1 s here) like any send-back.
      await waitFor(async () => ((await retried()).length > 0 ? true : undefined), {
        timeoutMs: 30_000,
        reason: 'the retried message in %RETRY%',
      });
      expect(await retried()).toEqual(['to-retry']);
      expect((await inTopic()).filter((body) => body === 'delayed')).toHaveLength(1);
    });
  });
});
