import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { RecordingLogger } from '@rocketmq-ts/base';
import { buildPullSysFlag } from '@rocketmq-ts/model';
import {
  CreateTopicRequestHeader,
  createRequest,
  GetConsumerListByGroupResponseBody,
  PullMessageRequestHeader,
  type RemotingCommand,
  RequestCode,
  ResponseCode,
} from '@rocketmq-ts/protocol';
import { RemotingClient } from '@rocketmq-ts/remoting';

import { type InProcessBroker, startInProcessBroker } from '../testing/in-process-broker';

// A heartbeat with one malformed consumer group entry, over TCP: the reply names the field, the
// broker warns once (naming client, field and value) and counts every one, and the connection
// and the heartbeat's other groups keep working. Also the GO client's 19-digit subVersion, which
// is a valid Java long and must register (docs/remoting-protocol.md#java-long-fields).
const TIMEOUT_MS = 5000;
const TOPIC = 'MalformedTopic';
const CLIENT_ID = '127.0.0.1@4242#go';
/** What the GO client sends: time.Now().UnixNano(). */
const GO_SUB_VERSION = '1796644820944235133';
const BAD_FIELD = '$.consumerDataSet[1].subscriptionDataSet[0].subVersion';

/** Raw text, so the malformed entry is exactly what a broken client would put on the wire. */
function heartbeatText(badSubVersion: string): Buffer {
  const group = (name: string, subVersion: string) =>
    `{"consumeFromWhere":"CONSUME_FROM_LAST_OFFSET","consumeType":"CONSUME_PASSIVELY","groupName":"${name}","messageModel":"CLUSTERING",` +
    `"subscriptionDataSet":[{"classFilterMode":false,"codeSet":[],"expressionType":"TAG","subString":"*","subVersion":${subVersion},"tagsSet":[],"topic":"${TOPIC}"}],"unitMode":false}`;
  return Buffer.from(
    `{"clientID":"${CLIENT_ID}","consumerDataSet":[${group('GoodGroup', GO_SUB_VERSION)},${group('BadGroup', badSubVersion)}],` +
      `"heartbeatFingerprint":0,"producerDataSet":[{"groupName":"GoodProducer"}],"withoutSub":false}`,
  );
}

describe('Broker > wire > malformed requests', () => {
  let broker: InProcessBroker;
  const logger = new RecordingLogger();
  const client = new RemotingClient();

  const call = (code: number, options: { extFields?: Record<string, string>; body?: Buffer } = {}): Promise<RemotingCommand> =>
    client.invoke(broker.address, createRequest(code, { ...options, language: 'GO' }), TIMEOUT_MS);
  const warnings = () => logger.entries.filter((entry) => entry.level === 'warn' && entry.message.startsWith('malformed request'));
  /** Java answers SYSTEM_ERROR with no body for a group nobody registered. */
  const members = async (group: string): Promise<readonly string[]> => {
    const reply = await call(RequestCode.GET_CONSUMER_LIST_BY_GROUP, { extFields: { consumerGroup: group } });
    return reply.code === ResponseCode.SUCCESS
      ? GetConsumerListByGroupResponseBody.decode(reply.body ?? Buffer.alloc(0)).consumerIdList
      : [];
  };
  const malformedCount = async (code: number, structure: string): Promise<number | undefined> => {
    const text = await (await fetch(`${broker.httpBaseUrl}/metrics`)).text();
    const line = text
      .split('\n')
      .find(
        (candidate) =>
          candidate.startsWith('rocketmq_remoting_malformed_requests_total{') &&
          candidate.includes(`code="${code}"`) &&
          candidate.includes(`structure="${structure}"`),
      );
    return line === undefined ? undefined : Number(line.slice(line.lastIndexOf(' ') + 1));
  };

  beforeAll(async () => {
    broker = await startInProcessBroker({ logger });
    const create = CreateTopicRequestHeader.encode({
      topic: TOPIC,
      defaultTopic: 'TBW102',
      readQueueNums: 1,
      writeQueueNums: 1,
      perm: 6,
      topicFilterType: 'SINGLE_TAG',
      order: false,
    });
    expect((await call(RequestCode.UPDATE_AND_CREATE_TOPIC, { extFields: create })).code).toBe(ResponseCode.SUCCESS);
  });

  afterAll(async () => {
    await client.close();
    await broker.stop();
  });

  it('refuses only the malformed group, naming the field, and registers the rest (GO subVersion included)', async () => {
    const reply = await call(RequestCode.HEART_BEAT, { body: heartbeatText('"abc"') });
    expect(reply.code).toBe(ResponseCode.SYSTEM_ERROR);
    expect(reply.remark).toContain(`BodyError: HeartbeatData ${BAD_FIELD}: expected a long, got the string "abc"`);
    expect(reply.remark).toContain('1 group(s) refused, 2 registered');

    expect(await members('GoodGroup')).toEqual([CLIENT_ID]);
    expect(await members('BadGroup')).toEqual([]);
    // A pull that relies on the registered subscription (no SUBSCRIPTION bit) finds it.
    const pull = PullMessageRequestHeader.encode({
      consumerGroup: 'GoodGroup',
      topic: TOPIC,
      queueId: 0,
      queueOffset: 0,
      maxMsgNums: 32,
      commitOffset: 0,
      suspendTimeoutMillis: 0,
      subVersion: BigInt(GO_SUB_VERSION),
      sysFlag: buildPullSysFlag({ commitOffset: false, suspend: false, subscription: false }),
    });
    expect((await call(RequestCode.PULL_MESSAGE, { extFields: pull })).code).toBe(ResponseCode.PULL_NOT_FOUND);
  });

  it('warns once per field and interval, naming client, field and value, and counts every one', async () => {
    const [warning] = warnings();
    expect(warning?.fields).toMatchObject({
      code: RequestCode.HEART_BEAT,
      clientId: CLIENT_ID,
      structure: 'HeartbeatData',
      field: BAD_FIELD,
      problem: 'expected a long, got the string "abc"',
    });
    expect(String(warning?.fields['remoteAddress'])).toMatch(/^127\.0\.0\.1:\d+$/);

    expect((await call(RequestCode.HEART_BEAT, { body: heartbeatText('{"not":"a number"}') })).code).toBe(ResponseCode.SYSTEM_ERROR);
    expect(warnings()).toHaveLength(1);
    expect(await malformedCount(RequestCode.HEART_BEAT, 'HeartbeatData')).toBe(2);
  });

  it('reports a header it cannot read, and the connection keeps serving', async () => {
    const reply = await call(RequestCode.QUERY_CONSUMER_OFFSET, {
      extFields: { consumerGroup: 'GoodGroup', topic: TOPIC, queueId: 'zero' },
    });
    expect(reply.code).toBe(ResponseCode.SYSTEM_ERROR);
    expect(reply.remark).toContain('queueId: not an integer: "zero"');
    expect(await malformedCount(RequestCode.QUERY_CONSUMER_OFFSET, 'QueryConsumerOffsetRequestHeader')).toBe(1);
    expect(warnings().map((entry) => entry.fields['field'])).toContain('queueId');
    expect(await members('GoodGroup')).toEqual([CLIENT_ID]);
  });
});
