import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import {
  decodeOffsetMessageId,
  decodeMessageRecord,
  encodeMessageProperties,
  MessageConst,
  MessageSysFlag,
  parseMessageProperties,
  transactionTypeOf,
} from '@rocketmq-ts/model';
import {
  CheckTransactionStateRequestHeader,
  createRequest,
  EndTransactionRequestHeader,
  HeartbeatData,
  KVTable,
  PullMessageRequestHeader,
  type RemotingCommand,
  RequestCode,
  ResponseCode,
  SendMessageRequestHeaderV2,
  SendMessageResponseHeader,
} from '@rocketmq-ts/protocol';
import { RemotingClient } from '@rocketmq-ts/remoting';
import { waitFor } from '@rocketmq-ts/testing';
import { buildPullSysFlag } from '@rocketmq-ts/model';

import { type InProcessBroker, startInProcessBroker } from '../testing/in-process-broker';

// Transactions over TCP (docs/transactions.md): a prepared send is invisible until END_TRANSACTION
// commits it (exactly once, however often END_TRANSACTION repeats), a rollback is never visible,
// and an undecided one is checked back with a connected producer of its group, whose answer
// decides it. Checks stop at transactionCheckMax, and the message is discarded.
const TOPIC = 'TxTopic';
const GROUP = 'TxProducerGroup';
const TIMEOUT_MS = 5000;

describe('Broker > wire > transactions', () => {
  let broker: InProcessBroker;
  const checks: RemotingCommand[] = [];
  const producer = new RemotingClient({ requestHandler: { handle: (_context, request) => void checks.push(request) } });
  const consumer = new RemotingClient();

  const call = (client: RemotingClient, code: number, options: { extFields?: Record<string, string>; body?: Buffer } = {}) =>
    client.invoke(broker.address, createRequest(code, { ...options, language: 'JAVA' }), TIMEOUT_MS);

  /** A prepared send as Java's TransactionMQProducer makes it: TRAN_MSG, PGROUP, sysFlag PREPARED. */
  async function prepare(
    body: string,
    extra: Readonly<Record<string, string>> = {},
  ): Promise<{ readonly header: SendMessageResponseHeader; readonly uniqKey: string }> {
    const uniqKey = `TXKEY${body}${Date.now()}`;
    const properties = encodeMessageProperties(
      new Map([
        [MessageConst.PROPERTY_TRANSACTION_PREPARED, 'true'],
        [MessageConst.PROPERTY_PRODUCER_GROUP, GROUP],
        [MessageConst.PROPERTY_UNIQ_CLIENT_MESSAGE_ID_KEYIDX, uniqKey],
        ...Object.entries(extra),
      ]),
    );
    const extFields = SendMessageRequestHeaderV2.encodeFromV1({
      producerGroup: GROUP,
      topic: TOPIC,
      defaultTopic: 'TBW102',
      defaultTopicQueueNums: 4,
      queueId: 1,
      sysFlag: MessageSysFlag.TRANSACTION_PREPARED_TYPE,
      bornTimestamp: Date.now(),
      flag: 0,
      properties,
    });
    const reply = await call(producer, RequestCode.SEND_MESSAGE_V2, { extFields, body: Buffer.from(body) });
    expect(reply.code).toBe(ResponseCode.SUCCESS);
    return { header: SendMessageResponseHeader.decode(reply.extFields), uniqKey };
  }

  function endFields(
    prepared: { header: SendMessageResponseHeader; uniqKey: string },
    commitOrRollback: number,
    fromTransactionCheck = false,
  ): Record<string, string> {
    return EndTransactionRequestHeader.encode({
      producerGroup: GROUP,
      tranStateTableOffset: prepared.header.queueOffset,
      commitLogOffset: decodeOffsetMessageId(prepared.header.msgId).physicalOffset,
      commitOrRollback,
      fromTransactionCheck,
      msgId: prepared.uniqKey,
      transactionId: prepared.uniqKey,
    });
  }

  /** The broker runs on a manual clock: half messages age only when the spec says so. */
  function passTime(): undefined {
    broker.clock.advance(100);
    return undefined;
  }

  async function bodiesInTopic(): Promise<string[]> {
    const bodies: string[] = [];
    for (let queueId = 0; queueId < 4; queueId++) {
      const extFields = PullMessageRequestHeader.encode({
        consumerGroup: 'TxConsumer',
        topic: TOPIC,
        queueId,
        queueOffset: 0,
        maxMsgNums: 32,
        commitOffset: 0,
        suspendTimeoutMillis: 0,
        subscription: '*',
        subVersion: 0n,
        sysFlag: buildPullSysFlag({ commitOffset: false, suspend: false, subscription: true }),
      });
      const reply = await call(consumer, RequestCode.PULL_MESSAGE, { extFields });
      if (reply.code !== ResponseCode.SUCCESS || reply.body === undefined) continue;
      for (let at = 0; at < reply.body.length;) {
        const record = decodeMessageRecord(reply.body, at);
        expect(transactionTypeOf(record.sysFlag)).toBe('COMMIT');
        bodies.push(record.body.toString());
        at += record.totalSize;
      }
    }
    return bodies.sort();
  }

  beforeAll(async () => {
    broker = await startInProcessBroker({ overrides: { transactionTimeOut: 300, transactionCheckInterval: 100, transactionCheckMax: 3 } });
    const heartbeat = HeartbeatData.encode({
      clientID: '127.0.0.1@tx',
      producerDataSet: [{ groupName: GROUP }],
      consumerDataSet: [],
      heartbeatFingerprint: 0,
      withoutSub: false,
    });
    expect((await call(producer, RequestCode.HEART_BEAT, { body: heartbeat })).code).toBe(ResponseCode.SUCCESS);
  });

  afterAll(async () => {
    await Promise.all([producer.close(), consumer.close()]);
    await broker.stop();
  });

  it('keeps a prepared message from consumers, commits it exactly once, and never shows a rolled-back one', async () => {
    const committed = await prepare('commit-me');
    const rolledBack = await prepare('roll-me-back');
    expect(await bodiesInTopic()).toEqual([]);

    for (let repeat = 0; repeat < 3; repeat++)
      expect(
        (await call(producer, RequestCode.END_TRANSACTION, { extFields: endFields(committed, MessageSysFlag.TRANSACTION_COMMIT_TYPE) }))
          .code,
      ).toBe(ResponseCode.SUCCESS);
    expect(
      (await call(producer, RequestCode.END_TRANSACTION, { extFields: endFields(rolledBack, MessageSysFlag.TRANSACTION_ROLLBACK_TYPE) }))
        .code,
    ).toBe(ResponseCode.SUCCESS);
    // A commit after the rollback changes nothing: the decision is made.
    expect(
      (await call(producer, RequestCode.END_TRANSACTION, { extFields: endFields(rolledBack, MessageSysFlag.TRANSACTION_COMMIT_TYPE) }))
        .code,
    ).toBe(ResponseCode.SUCCESS);

    await waitFor(async () => (await bodiesInTopic()).length > 0 || undefined, {
      timeoutMs: TIMEOUT_MS,
      reason: 'the committed message dispatched',
    });
    expect(await bodiesInTopic()).toEqual(['commit-me']);
  });

  it('delays a committed message with a delay level from its commit, as the send path would', async () => {
    // Level 18 (2 h): it stays parked while the later specs move the manual clock.
    const prepared = await prepare('delayed-commit', { [MessageConst.PROPERTY_DELAY_TIME_LEVEL]: '18' });
    expect(
      (await call(producer, RequestCode.END_TRANSACTION, { extFields: endFields(prepared, MessageSysFlag.TRANSACTION_COMMIT_TYPE) })).code,
    ).toBe(ResponseCode.SUCCESS);
    const parked = await waitFor(
      async () => {
        const extFields = PullMessageRequestHeader.encode({
          consumerGroup: 'TxAudit',
          topic: 'SCHEDULE_TOPIC_XXXX',
          queueId: 17,
          queueOffset: 0,
          maxMsgNums: 32,
          commitOffset: 0,
          suspendTimeoutMillis: 0,
          subscription: '*',
          subVersion: 0n,
          sysFlag: buildPullSysFlag({ commitOffset: false, suspend: false, subscription: true }),
        });
        const reply = await call(consumer, RequestCode.PULL_MESSAGE, { extFields });
        return reply.code === ResponseCode.SUCCESS ? decodeMessageRecord(reply.body ?? Buffer.alloc(0)) : undefined;
      },
      { timeoutMs: TIMEOUT_MS, reason: 'the committed message parked in its delay level' },
    );
    expect([
      parked.body.toString(),
      transactionTypeOf(parked.sysFlag),
      parseMessageProperties(parked.properties).get(MessageConst.PROPERTY_REAL_TOPIC),
    ]).toEqual(['delayed-commit', 'COMMIT', TOPIC]);
    expect(await bodiesInTopic()).not.toContain('delayed-commit');
  });

  it('refuses an END_TRANSACTION whose group or offsets do not name that half message', async () => {
    const prepared = await prepare('wrong-group');
    const fields = { ...endFields(prepared, MessageSysFlag.TRANSACTION_COMMIT_TYPE), producerGroup: 'SomeoneElse' };
    const reply = await call(producer, RequestCode.END_TRANSACTION, { extFields: fields });
    expect([reply.code, reply.remark]).toEqual([ResponseCode.SYSTEM_ERROR, 'The producer group wrong']);
    expect(
      (await call(producer, RequestCode.END_TRANSACTION, { extFields: endFields(prepared, MessageSysFlag.TRANSACTION_ROLLBACK_TYPE) }))
        .code,
    ).toBe(ResponseCode.SUCCESS);
  });

  it('checks an undecided transaction back with its producer, and the answer commits it', async () => {
    const prepared = await prepare('checked');
    const check = await waitFor(
      () =>
        passTime() ??
        checks.find((request) => CheckTransactionStateRequestHeader.decode(request.extFields).transactionId === prepared.uniqKey),
      {
        timeoutMs: TIMEOUT_MS,
        reason: 'CHECK_TRANSACTION_STATE for the undecided half message',
      },
    );
    const header = CheckTransactionStateRequestHeader.decode(check.extFields);
    expect(header).toMatchObject({
      topic: TOPIC,
      tranStateTableOffset: prepared.header.queueOffset,
      commitLogOffset: decodeOffsetMessageId(prepared.header.msgId).physicalOffset,
      bname: 'broker-a',
    });
    const body = decodeMessageRecord(check.body ?? Buffer.alloc(0));
    expect([
      body.topic,
      body.queueId,
      body.body.toString(),
      parseMessageProperties(body.properties).get(MessageConst.PROPERTY_PRODUCER_GROUP),
    ]).toEqual([TOPIC, 1, 'checked', GROUP]);

    expect(
      (await call(producer, RequestCode.END_TRANSACTION, { extFields: endFields(prepared, MessageSysFlag.TRANSACTION_COMMIT_TYPE, true) }))
        .code,
    ).toBe(ResponseCode.SUCCESS);
    await waitFor(async () => (await bodiesInTopic()).includes('checked') || undefined, {
      timeoutMs: TIMEOUT_MS,
      reason: 'the checked message committed',
    });
    expect(await bodiesInTopic()).toEqual(['checked', 'commit-me']);
  });

  it('reports undecided half messages in the runtime info (mqadmin brokerStatus)', async () => {
    const pending = async () =>
      KVTable.decode((await call(consumer, RequestCode.GET_BROKER_RUNTIME_INFO)).body ?? Buffer.alloc(0)).table.get(
        'transactionHalfPending',
      );
    const before = Number(await pending());
    const prepared = await prepare('pending');
    // The half queue indexes the message just after the reply (the dispatcher runs after the put).
    await waitFor(async () => (Number(await pending()) === before + 1 ? true : undefined), {
      timeoutMs: TIMEOUT_MS,
      reason: 'the half message counted as pending',
    });
    expect(
      (await call(producer, RequestCode.END_TRANSACTION, { extFields: endFields(prepared, MessageSysFlag.TRANSACTION_ROLLBACK_TYPE) }))
        .code,
    ).toBe(ResponseCode.SUCCESS);
    expect(Number(await pending())).toBe(before);
  });

  it('stops checking after transactionCheckMax and discards the message to TRANS_CHECK_MAX_TIME_TOPIC', async () => {
    const prepared = await prepare('never-answered');
    const checksOf = () =>
      checks.filter((request) => CheckTransactionStateRequestHeader.decode(request.extFields).transactionId === prepared.uniqKey).length;
    await waitFor(() => passTime() ?? (checksOf() >= 3 || undefined), { timeoutMs: 3 * TIMEOUT_MS, reason: 'three checks' });
    await waitFor(
      async () => {
        passTime();
        const extFields = PullMessageRequestHeader.encode({
          consumerGroup: 'TxAudit',
          topic: 'TRANS_CHECK_MAX_TIME_TOPIC',
          queueId: 0,
          queueOffset: 0,
          maxMsgNums: 32,
          commitOffset: 0,
          suspendTimeoutMillis: 0,
          subscription: '*',
          subVersion: 0n,
          sysFlag: buildPullSysFlag({ commitOffset: false, suspend: false, subscription: true }),
        });
        const reply = await call(consumer, RequestCode.PULL_MESSAGE, { extFields });
        return reply.code === ResponseCode.SUCCESS &&
          decodeMessageRecord(reply.body ?? Buffer.alloc(0)).body.toString() === 'never-answered'
          ? true
          : undefined;
      },
      { timeoutMs: TIMEOUT_MS, reason: 'the message discarded to TRANS_CHECK_MAX_TIME_TOPIC' },
    );
    // A late commit is too late: nothing reaches the topic.
    expect(
      (await call(producer, RequestCode.END_TRANSACTION, { extFields: endFields(prepared, MessageSysFlag.TRANSACTION_COMMIT_TYPE) })).code,
    ).toBe(ResponseCode.SUCCESS);
    expect(checksOf()).toBe(3);
    expect(await bodiesInTopic()).toEqual(['checked', 'commit-me']);
  });
});
