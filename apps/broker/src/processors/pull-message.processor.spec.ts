import { ManualClock } from '@rocketmq-ts/base';
import { buildPullSysFlag, decodeMessageRecords } from '@rocketmq-ts/model';
import {
  createRequest,
  PullMessageRequestHeader,
  PullMessageResponseHeader,
  type RemotingCommand,
  RequestCode,
  ResponseCode,
} from '@rocketmq-ts/protocol';
import { waitFor } from '@rocketmq-ts/testing';
import { beforeEach, describe, expect, it } from 'vitest';

import { PropertyFilters } from '../filter/property-filters';
import { ReplicaReadPolicy } from '../ha/replica-read-policy';
import { PullRequestHoldService } from '../longpolling/pull-request-hold-service';
import { type BrokerMetrics, createBrokerMetrics } from '../metrics/broker-metrics';
import { ConsumerOffsetManager } from '../offsets/consumer-offset-manager';
import { BrokerStatsManager } from '../stats/broker-stats-manager';
import { FakeConnection, FakeConsumerSubscriptions, FakeSubscriptionGroups, FakeTopicConfigs } from '../testing/consumer-fakes';
import { InMemoryMessageStore } from '../testing/in-memory-message-store';
import { fixtureMessage } from '../testing/message-fixtures';
import { PullMessageProcessor } from './pull-message.processor';

const NO_SUSPEND = buildPullSysFlag({ commitOffset: false, suspend: false, subscription: true });
const SUSPEND = buildPullSysFlag({ commitOffset: false, suspend: true, subscription: true });

describe('Broker > processors > PULL_MESSAGE', () => {
  let clock: ManualClock;
  let store: InMemoryMessageStore;
  let topics: FakeTopicConfigs;
  let groups: FakeSubscriptionGroups;
  let consumers: FakeConsumerSubscriptions;
  let offsets: ConsumerOffsetManager;
  let holds: PullRequestHoldService;
  let processor: PullMessageProcessor;
  let connection: FakeConnection;
  let metrics: BrokerMetrics;

  beforeEach(() => {
    clock = new ManualClock();
    store = new InMemoryMessageStore(clock);
    topics = new FakeTopicConfigs();
    topics.add('T');
    groups = new FakeSubscriptionGroups();
    consumers = new FakeConsumerSubscriptions();
    offsets = new ConsumerOffsetManager({
      file: { path: 'memory', read: async () => undefined, write: async () => undefined },
      persistIntervalMs: 60_000,
    });
    holds = new PullRequestHoldService({
      clock,
      maxOffsetOf: (t, q) => store.getMaxOffsetInQueue(t, q),
      checkIntervalMs: 5_000,
      maxHeldPerQueue: 2,
      maxHeldTotal: 10,
    });
    store.onMessageArriving((arrival) => holds.notifyMessageArriving(arrival.topic, arrival.queueId, arrival.logicOffsetAfter, arrival));
    metrics = createBrokerMetrics({ collectDefaultMetrics: false });
    processor = processorWith(true);
    connection = new FakeConnection();
  });

  function processorWith(enablePropertyFilter: boolean): PullMessageProcessor {
    const settings = { longPollingEnable: true, shortPollingTimeMills: 1_000, brokerPermission: 6, enablePropertyFilter };
    // A master with slave reads off: it never refuses a pull and always suggests itself (broker 0).
    const readPolicy = new ReplicaReadPolicy(
      { slaveReadEnable: false, brokerId: 0, brokerRole: 'ASYNC_MASTER' },
      { isSlave: false, masterOnline: () => true },
    );
    const traffic = new BrokerStatsManager('DefaultCluster', () => clock.nowMs());
    return new PullMessageProcessor(
      topics,
      groups,
      consumers,
      offsets,
      holds,
      store,
      settings,
      clock,
      metrics,
      new PropertyFilters(),
      readPolicy,
      traffic,
    );
  }

  function request(overrides: Partial<PullMessageRequestHeader> = {}): RemotingCommand {
    const header: PullMessageRequestHeader = {
      consumerGroup: 'G',
      topic: 'T',
      queueId: 0,
      queueOffset: 0,
      maxMsgNums: 32,
      sysFlag: NO_SUSPEND,
      commitOffset: 0,
      suspendTimeoutMillis: 15_000,
      subscription: '*',
      subVersion: 0n,
      ...overrides,
    };
    return createRequest(RequestCode.PULL_MESSAGE, { extFields: PullMessageRequestHeader.encode(header) });
  }

  async function pull(overrides: Partial<PullMessageRequestHeader> = {}): Promise<RemotingCommand> {
    const response = await processor.handle(connection, request(overrides));
    if (response === undefined) throw new Error('no reply');
    return response;
  }

  async function send(count: number, tags = 'A', queueId = 0): Promise<void> {
    for (let i = 0; i < count; i++) await store.putMessage(fixtureMessage({ topic: 'T', queueId, tags, body: `m${i}` }));
  }

  const parked = (count: number) => waitFor(() => holds.size === count, { timeoutMs: 5_000, reason: `${count} pull(s) parked` });

  const offsetsOf = (response: RemotingCommand) => PullMessageResponseHeader.decode(response.extFields);

  describe('status rows (docs/remoting-protocol.md#requests-the-broker-serves)', () => {
    it('FOUND: SUCCESS with the stored records back to back and the offset after the last one', async () => {
      await send(3);
      const response = await pull({ maxMsgNums: 2 });
      expect(response.code).toBe(ResponseCode.SUCCESS);
      expect(decodeMessageRecords(response.body ?? Buffer.alloc(0)).map((record) => record.body.toString())).toEqual(['m0', 'm1']);
      expect(offsetsOf(response)).toEqual(
        expect.objectContaining({ suggestWhichBrokerId: 0, nextBeginOffset: 2, minOffset: 0, maxOffset: 3 }),
      );
      expect(response.remark).toBe('FOUND');
    });

    it('empty queue at offset 0: PULL_NOT_FOUND, next 0', async () => {
      await send(1, 'A', 1);
      const response = await pull({ queueId: 2 });
      expect([response.code, offsetsOf(response).nextBeginOffset]).toEqual([ResponseCode.PULL_NOT_FOUND, 0]);
    });

    it('empty queue at another offset: PULL_OFFSET_MOVED, next 0', async () => {
      const response = await pull({ queueOffset: 5 });
      expect([response.code, offsetsOf(response).nextBeginOffset, offsetsOf(response).maxOffset]).toEqual([
        ResponseCode.PULL_OFFSET_MOVED,
        0,
        0,
      ]);
    });

    it('offset below the queue min: PULL_OFFSET_MOVED to the min', async () => {
      await send(5);
      store.truncateQueueHead('T', 0, 3);
      const response = await pull({ queueOffset: 1 });
      expect([response.code, offsetsOf(response).nextBeginOffset, offsetsOf(response).minOffset]).toEqual([
        ResponseCode.PULL_OFFSET_MOVED,
        3,
        3,
      ]);
    });

    it('offset at the queue max: PULL_NOT_FOUND, same offset', async () => {
      await send(2);
      const response = await pull({ queueOffset: 2 });
      expect([response.code, offsetsOf(response).nextBeginOffset]).toEqual([ResponseCode.PULL_NOT_FOUND, 2]);
    });

    it('offset past the queue max: PULL_OFFSET_MOVED to the max', async () => {
      await send(2);
      const response = await pull({ queueOffset: 9 });
      expect([response.code, offsetsOf(response).nextBeginOffset]).toEqual([ResponseCode.PULL_OFFSET_MOVED, 2]);
    });

    it('only filtered-out messages: PULL_RETRY_IMMEDIATELY past the scanned range', async () => {
      await send(3, 'B');
      const response = await pull({ subscription: 'A || C' });
      expect([response.code, offsetsOf(response).nextBeginOffset]).toEqual([ResponseCode.PULL_RETRY_IMMEDIATELY, 3]);
    });

    it('message being removed: PULL_RETRY_IMMEDIATELY; consume-queue hole: PULL_NOT_FOUND', async () => {
      const base = { messages: [], minOffset: 0, maxOffset: 10, suggestPullingFromSlave: false };
      store.scriptNextGet({ ...base, status: 'MESSAGE_WAS_REMOVING', nextBeginOffset: 8 });
      store.scriptNextGet({ ...base, status: 'OFFSET_FOUND_NULL', nextBeginOffset: 9 });
      const removing = await pull({ queueOffset: 4 });
      const hole = await pull({ queueOffset: 4 });
      expect([removing.code, offsetsOf(removing).nextBeginOffset]).toEqual([ResponseCode.PULL_RETRY_IMMEDIATELY, 8]);
      expect([hole.code, offsetsOf(hole).nextBeginOffset]).toEqual([ResponseCode.PULL_NOT_FOUND, 9]);
    });
  });

  describe('checks', () => {
    it('answers TOPIC_NOT_EXIST, INVALID_PARAMETER for a queue beyond readQueueNums, and NO_PERMISSION for an unreadable topic', async () => {
      topics.add('W', { perm: 2 });
      expect((await pull({ topic: 'nope' })).code).toBe(ResponseCode.TOPIC_NOT_EXIST);
      expect((await pull({ queueId: 4 })).code).toBe(ResponseCode.INVALID_PARAMETER);
      expect((await pull({ topic: 'W' })).code).toBe(ResponseCode.NO_PERMISSION);
    });

    it('answers SUBSCRIPTION_GROUP_NOT_EXIST when the group is unknown and cannot be created', async () => {
      groups.autoCreate = false;
      expect((await pull()).code).toBe(ResponseCode.SUBSCRIPTION_GROUP_NOT_EXIST);
    });

    it('without the SUBSCRIPTION bit uses the heartbeat subscription: missing, stale, then found', async () => {
      const sysFlag = buildPullSysFlag({ commitOffset: false, suspend: false, subscription: false });
      await send(1, 'A');
      expect((await pull({ sysFlag })).code).toBe(ResponseCode.SUBSCRIPTION_NOT_EXIST);
      consumers.register('G', 'T', 'A', 5n);
      expect((await pull({ sysFlag, subVersion: 6n })).code).toBe(ResponseCode.SUBSCRIPTION_NOT_LATEST);
      expect((await pull({ sysFlag, subVersion: 5n })).code).toBe(ResponseCode.SUCCESS);
      consumers.register('G', 'T', 'B', 7n);
      expect((await pull({ sysFlag })).code).toBe(ResponseCode.PULL_RETRY_IMMEDIATELY);
    });

    it("refuses SQL92 subscriptions with SYSTEM_ERROR and Java's remark while enablePropertyFilter is off", async () => {
      processor = processorWith(false);
      const response = await pull({ expressionType: 'SQL92', subscription: 'a > 1' });
      expect(response.code).toBe(ResponseCode.SYSTEM_ERROR);
      expect(response.remark).toBe('The broker does not support consumer to filter message by SQL92');
    });

    it('answers SUBSCRIPTION_PARSE_FAILED with the line and column of a bad SQL92 expression', async () => {
      const response = await pull({ expressionType: 'SQL92', subscription: "a > 5 AND b IN (x, 'y')" });
      expect(response.code).toBe(ResponseCode.SUBSCRIPTION_PARSE_FAILED);
      expect(response.remark).toMatch(/expected a string literal .* at line 1, column 17$/);
    });

    it('stores the piggy-backed offset when COMMIT_OFFSET is set', async () => {
      await pull({ sysFlag: buildPullSysFlag({ commitOffset: true, suspend: false, subscription: true }), commitOffset: 7 });
      expect(offsets.queryOffset('G', 'T', 0)).toBe(7);
    });
  });

  describe('SQL92', () => {
    async function sendWith(properties: Record<string, string>, queueId = 0): Promise<void> {
      await store.putMessage(fixtureMessage({ topic: 'T', queueId, tags: 'A', body: JSON.stringify(properties), properties }));
    }
    const bodies = (response: RemotingCommand): string[] =>
      decodeMessageRecords(response.body as Buffer).map((record) => record.body.toString());
    const sql = { expressionType: 'SQL92', subscription: "a > 5 AND b IN ('x','y')" };

    it('returns only the messages whose properties match, from the header subscription', async () => {
      for (const [a, b] of [
        ['6', 'x'],
        ['5', 'x'],
        ['7', 'z'],
        ['9', 'y'],
        ['abc', 'x'],
      ])
        await sendWith({ a: a as string, b: b as string });
      await sendWith({ b: 'x' });
      const response = await pull(sql);
      expect(response.code).toBe(ResponseCode.SUCCESS);
      expect(bodies(response)).toEqual(['{"a":"6","b":"x"}', '{"a":"9","b":"y"}']);
      expect(offsetsOf(response).nextBeginOffset).toBe(6);
    });

    it('uses the heartbeat subscription when the pull carries none', async () => {
      consumers.register('G', 'T');
      consumers.groups.get('G')?.subscriptions.set('T', {
        topic: 'T',
        subString: "TAGS = 'A' AND a IS NOT NULL",
        expressionType: 'SQL92',
        tagsSet: [],
        codeSet: [],
        subVersion: 1n,
      });
      await sendWith({ a: '1' });
      await sendWith({ b: '1' });
      const response = await pull({ sysFlag: buildPullSysFlag({ commitOffset: false, suspend: false, subscription: false }) });
      expect(bodies(response)).toEqual(['{"a":"1"}']);
    });

    it('answers PULL_RETRY_IMMEDIATELY past the scanned range when nothing matches', async () => {
      await sendWith({ a: '1', b: 'x' });
      const response = await pull(sql);
      expect(response.code).toBe(ResponseCode.PULL_RETRY_IMMEDIATELY);
      expect(offsetsOf(response).nextBeginOffset).toBe(1);
    });

    it('wakes a parked pull only for an arriving message that matches', async () => {
      const reply = processor.handle(connection, request({ ...sql, sysFlag: SUSPEND }));
      await parked(1);
      await sendWith({ a: '1', b: 'x' });
      expect(holds.size).toBe(1);
      await sendWith({ a: '8', b: 'y' });
      const response = await reply;
      expect(response?.code).toBe(ResponseCode.SUCCESS);
      expect(bodies(response as RemotingCommand)).toEqual(['{"a":"8","b":"y"}']);
    });
  });

  describe('long polling', () => {
    it('answers a parked pull with the message that arrives for its queue, timing only the answering pass', async () => {
      const reply = processor.handle(connection, request({ sysFlag: SUSPEND }));
      await parked(1);
      const latency = metrics.hot?.pullLatency.labels();
      expect(latency?.count).toBe(0);
      await send(1);
      const response = await reply;
      expect(response?.code).toBe(ResponseCode.SUCCESS);
      expect(offsetsOf(response as RemotingCommand).nextBeginOffset).toBe(1);
      expect(latency?.count).toBe(1);
      expect(metrics.hot?.messagesOut.labels('T', 'G').value).toBe(1);
    });

    it('answers PULL_NOT_FOUND when the hold times out, having committed the offset only on the first pass', async () => {
      const sysFlag = buildPullSysFlag({ commitOffset: true, suspend: true, subscription: true });
      const reply = processor.handle(connection, request({ sysFlag, commitOffset: 3 }));
      await parked(1);
      offsets.commitOffset('G', 'T', 0, 4);
      clock.advance(15_000);
      holds.checkHoldRequests();
      expect((await reply)?.code).toBe(ResponseCode.PULL_NOT_FOUND);
      expect(offsets.queryOffset('G', 'T', 0)).toBe(4);
    });

    it('stores the piggy-backed offset before reading, so a later commit that lands during the read is kept', async () => {
      await send(1, 'A', 0);
      const sysFlag = buildPullSysFlag({ commitOffset: true, suspend: false, subscription: true });
      const reply = processor.handle(connection, request({ sysFlag, commitOffset: 3 }));
      // What UPDATE_CONSUMER_OFFSET sent after this pull (a consumer's shutdown) does while the pull awaits its read.
      offsets.commitOffset('G', 'T', 0, 4);
      expect((await reply)?.code).toBe(ResponseCode.SUCCESS);
      expect(offsets.queryOffset('G', 'T', 0)).toBe(4);
    });

    it('serves another request on the same connection while one is parked', async () => {
      await send(1, 'A', 1);
      const first = processor.handle(connection, request({ sysFlag: SUSPEND }));
      await parked(1);
      const other = await processor.handle(connection, request({ queueId: 1, sysFlag: SUSPEND }));
      expect(other?.code).toBe(ResponseCode.SUCCESS);
      expect(holds.size).toBe(1);
      holds.shutdown();
      expect((await first)?.code).toBe(ResponseCode.PULL_NOT_FOUND);
    });

    it('answers at once when the queue already holds its bound of parked pulls', async () => {
      void processor.handle(connection, request({ sysFlag: SUSPEND }));
      void processor.handle(connection, request({ sysFlag: SUSPEND }));
      await parked(2);
      expect((await pull({ sysFlag: SUSPEND })).code).toBe(ResponseCode.PULL_NOT_FOUND);
      expect(holds.size).toBe(2);
    });

    it('does not park a pull whose message landed while its read was in flight', async () => {
      store.scriptNextGet({
        status: 'OFFSET_OVERFLOW_ONE',
        messages: [],
        nextBeginOffset: 0,
        minOffset: 0,
        maxOffset: 0,
        suggestPullingFromSlave: false,
      });
      await send(1);
      const response = await pull({ sysFlag: SUSPEND });
      expect(response.code).toBe(ResponseCode.SUCCESS);
      expect(holds.size).toBe(0);
    });

    it('drops a parked pull without a reply when its connection closes', async () => {
      const reply = processor.handle(connection, request({ sysFlag: SUSPEND }));
      await parked(1);
      connection.close();
      expect(await reply).toBeUndefined();
      expect(holds.size).toBe(0);
    });
  });
});
