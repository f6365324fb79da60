import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { decodeMessageRecords, encodeMessageProperties, type MessageRecordView, parseMessageProperties } from '@rocketmq-ts/model';
import {
  AckMessageRequestHeader,
  BatchAckMessageRequestBody,
  ChangeInvisibleTimeRequestHeader,
  ChangeInvisibleTimeResponseHeader,
  createRequest,
  PopExtraInfo,
  PopMessageRequestHeader,
  PopMessageResponseHeader,
  parsePopQueueNumbers,
  popRetryFlagOf,
  type RemotingCommand,
  RequestCode,
  ResponseCode,
  SendMessageRequestHeaderV2,
} from '@rocketmq-ts/protocol';
import { RemotingClient } from '@rocketmq-ts/remoting';
import { waitFor } from '@rocketmq-ts/testing';
import type { MessageStore } from '@rocketmq-ts/store';

import { MESSAGE_STORE } from '../broker.tokens';
import { type InProcessBroker, startInProcessBroker } from '../testing/in-process-broker';
import { PopReviveService } from './pop-revive-service';

// POP over TCP against the in-process broker (docs/grpc-and-pop.md): pop → ack / batch ack /
// change invisible time, revive of un-acked messages into %RETRY%<group>_<topic> when the broker
// clock passes their invisible time, DLQ after retryMaxTimes + 1 deliveries, FIFO batches, long
// polling, and refusals. The ManualClock drives invisibility; revive passes are run by the spec.
const TIMEOUT_MS = 10_000;
const INVISIBLE_MS = 60_000;

interface Popped {
  readonly response: RemotingCommand;
  readonly header: PopMessageResponseHeader;
  readonly messages: Array<{ readonly record: MessageRecordView; readonly handle: string; readonly body: string }>;
}

function only<T>(items: readonly T[], what: string): T {
  const [item] = items;
  if (items.length !== 1 || item === undefined) throw new Error(`expected exactly one ${what}, got ${items.length}`);
  return item;
}

describe('Broker > wire > pop', () => {
  let broker: InProcessBroker;
  let client: RemotingClient;
  let store: MessageStore;
  let revive: PopReviveService;
  let sent = 0;

  const invoke = (code: number, extFields: Record<string, string>, body?: Buffer): Promise<RemotingCommand> =>
    client.invoke(broker.address, createRequest(code, { extFields, body, language: 'JAVA' }), TIMEOUT_MS);

  async function send(topic: string, queueId: number, body: string, tags = 'TagA'): Promise<void> {
    sent++;
    const properties = encodeMessageProperties({ TAGS: tags, UNIQ_KEY: `ID${String(sent).padStart(30, '0')}`, WAIT: 'true' });
    const header = {
      producerGroup: 'PG',
      topic,
      defaultTopic: 'TBW102',
      defaultTopicQueueNums: 4,
      queueId,
      sysFlag: 0,
      bornTimestamp: 1,
      flag: 0,
      properties,
    };
    const before = store.getMaxOffsetInQueue(topic, queueId);
    const response = await invoke(RequestCode.SEND_MESSAGE_V2, SendMessageRequestHeaderV2.encodeFromV1(header), Buffer.from(body));
    expect(response.code).toBe(ResponseCode.SUCCESS);
    // The consume queue is written after the reply: wait until a pop can see the message.
    await waitFor(() => store.getMaxOffsetInQueue(topic, queueId) > before, { timeoutMs: TIMEOUT_MS, reason: `${topic} dispatched` });
  }

  async function pop(topic: string, group: string, options: Partial<PopMessageRequestHeader> = {}): Promise<Popped> {
    const header = PopMessageRequestHeader.encode({
      consumerGroup: group,
      topic,
      queueId: -1,
      maxMsgNums: 32,
      invisibleTime: INVISIBLE_MS,
      pollTime: 0,
      bornTime: 1,
      initMode: 0,
      order: false,
      ...options,
    });
    const response = await invoke(RequestCode.POP_MESSAGE, header);
    const answered =
      response.code === ResponseCode.SUCCESS ||
      response.code === ResponseCode.PULL_NOT_FOUND ||
      response.code === ResponseCode.POLLING_TIMEOUT;
    const decoded = answered
      ? PopMessageResponseHeader.decode(response.extFields)
      : { popTime: 0, invisibleTime: 0, reviveQid: 0, restNum: 0 };
    const records = response.code === ResponseCode.SUCCESS ? decodeMessageRecords(response.body ?? Buffer.alloc(0)) : [];
    const starts = parsePopQueueNumbers(decoded.startOffsetInfo);
    const messages = records.map((record) => {
      const retry = popRetryFlagOf(record.topic);
      const handle = PopExtraInfo.encode({
        ckQueueOffset: starts.get(`${retry}@${record.queueId}`) ?? -1,
        popTime: decoded.popTime,
        invisibleTime: decoded.invisibleTime,
        reviveQid: decoded.reviveQid,
        retry,
        brokerName: 'broker-a',
        queueId: record.queueId,
        queueOffset: record.queueOffset,
      });
      return { record, handle, body: record.body.toString() };
    });
    return { response, header: decoded, messages };
  }

  const ack = (topic: string, group: string, message: Popped['messages'][number]) =>
    invoke(
      RequestCode.ACK_MESSAGE,
      AckMessageRequestHeader.encode({
        consumerGroup: group,
        topic,
        queueId: message.record.queueId,
        extraInfo: message.handle,
        offset: message.record.queueOffset,
      }),
    );

  async function expire(ms = INVISIBLE_MS + 1): Promise<number> {
    broker.clock.advance(ms);
    return revive.reviveOnce();
  }

  beforeAll(async () => {
    broker = await startInProcessBroker({ overrides: { reviveInterval: 3_600_000 } });
    store = broker.app.get<MessageStore>(MESSAGE_STORE);
    revive = broker.app.get(PopReviveService);
    client = new RemotingClient();
  });

  afterAll(async () => {
    await client.close();
    await broker.stop();
  });

  it('pops across the queues of a topic; acked and batch-acked messages stay gone, the un-acked one comes back from the retry topic', async () => {
    await send('PopT', 0, 'a');
    await send('PopT', 1, 'b');
    await send('PopT', 2, 'c');
    const first = await pop('PopT', 'G1');
    expect(first.response.code).toBe(ResponseCode.SUCCESS);
    expect(first.messages.map((m) => m.body).sort()).toEqual(['a', 'b', 'c']);
    expect(first.header).toMatchObject({ invisibleTime: INVISIBLE_MS, reviveQid: 0, popTime: broker.clock.nowMs() });
    expect((await pop('PopT', 'G1')).response.code).toBe(ResponseCode.PULL_NOT_FOUND);

    const [a, b, c] = ['a', 'b', 'c'].map((body) =>
      only(
        first.messages.filter((m) => m.body === body),
        body,
      ),
    ) as [Popped['messages'][number], Popped['messages'][number], Popped['messages'][number]];
    expect((await ack('PopT', 'G1', a)).code).toBe(ResponseCode.SUCCESS);
    const batch = BatchAckMessageRequestBody.encode({
      brokerName: 'broker-a',
      acks: [
        {
          consumerGroup: 'G1',
          topic: 'PopT',
          retry: '0',
          startOffset: b.record.queueOffset,
          queueId: b.record.queueId,
          reviveQueueId: 0,
          popTime: first.header.popTime,
          invisibleTime: INVISIBLE_MS,
          offsets: [b.record.queueOffset],
        },
      ],
    });
    expect((await invoke(RequestCode.BATCH_ACK_MESSAGE, {}, batch)).code).toBe(ResponseCode.SUCCESS);

    expect(await expire(INVISIBLE_MS - 1000)).toBe(0);
    expect(await expire(1001)).toBe(1);
    const again = await pop('PopT', 'G1', { pollTime: 5000 });
    expect(again.messages.map((m) => m.body)).toEqual(['c']);
    const retried = only(again.messages, 'retried message');
    expect(retried.record.topic).toBe('%RETRY%G1_PopT');
    expect(retried.record.reconsumeTimes).toBe(1);
    expect(parseMessageProperties(retried.record.properties).get('RETRY_TOPIC')).toBe('PopT');
    expect(c.record.topic).toBe('PopT');
    expect((await ack('PopT', 'G1', retried)).code).toBe(ResponseCode.SUCCESS);
    expect(await expire()).toBe(0);
    expect((await pop('PopT', 'G1')).response.code).toBe(ResponseCode.PULL_NOT_FOUND);
  });

  it('changes the invisible time: the new handle hides the message longer, the old checkpoint is acked', async () => {
    await send('PopChange', 0, 'x');
    const message = only((await pop('PopChange', 'G2')).messages, 'message');
    const change = ChangeInvisibleTimeRequestHeader.encode({
      consumerGroup: 'G2',
      topic: 'PopChange',
      queueId: 0,
      extraInfo: message.handle,
      offset: message.record.queueOffset,
      invisibleTime: 3 * INVISIBLE_MS,
    });
    const changed = await invoke(RequestCode.CHANGE_MESSAGE_INVISIBLETIME, change);
    expect(changed.code).toBe(ResponseCode.SUCCESS);
    // Same millisecond as the pop: the new checkpoint's popTime is one later, so it never shares the old one's name.
    expect(ChangeInvisibleTimeResponseHeader.decode(changed.extFields)).toEqual({
      popTime: broker.clock.nowMs() + 1,
      invisibleTime: 3 * INVISIBLE_MS,
      reviveQid: 0,
    });
    expect(await expire(2 * INVISIBLE_MS)).toBe(0);
    expect((await pop('PopChange', 'G2')).response.code).toBe(ResponseCode.PULL_NOT_FOUND);
    expect(await expire(INVISIBLE_MS + 1)).toBe(1);
    expect((await pop('PopChange', 'G2', { pollTime: 5000 })).messages.map((m) => m.body)).toEqual(['x']);
  });

  it('sends a message never acked to %DLQ%<group> after retryMaxTimes + 1 deliveries (16 + 1)', async () => {
    await send('PopDead', 0, 'dead');
    const attempts: number[] = [];
    for (let delivery = 0; delivery < 17; delivery++) {
      // The re-put reaches the retry queue's index asynchronously: a short poll waits for it.
      const popped = await pop('PopDead', 'G3', { pollTime: delivery === 0 ? 0 : 5000 });
      attempts.push(popped.messages[0]?.record.reconsumeTimes ?? -1);
      await expire();
    }
    expect(attempts).toEqual(Array.from({ length: 17 }, (_, i) => i));
    await waitFor(() => store.getMaxOffsetInQueue('%DLQ%G3', 0) === 1, { timeoutMs: TIMEOUT_MS, reason: 'the DLQ copy' });
    expect((await pop('PopDead', 'G3')).response.code).toBe(ResponseCode.PULL_NOT_FOUND);
  });

  it('FIFO pops: one batch per queue in flight, the next only after acks; an expired batch comes back with its count', async () => {
    for (const body of ['f0', 'f1', 'f2']) await send('PopFifo', 0, body);
    const first = await pop('PopFifo', 'G4', { order: true, maxMsgNums: 2, queueId: 0 });
    expect(first.messages.map((m) => m.body)).toEqual(['f0', 'f1']);
    expect(first.header.reviveQid).toBe(999);
    expect((await pop('PopFifo', 'G4', { order: true, queueId: 0 })).response.code).toBe(ResponseCode.PULL_NOT_FOUND);
    for (const message of first.messages) expect((await ack('PopFifo', 'G4', message)).code).toBe(ResponseCode.SUCCESS);
    const second = await pop('PopFifo', 'G4', { order: true, queueId: 0 });
    expect(second.messages.map((m) => m.body)).toEqual(['f2']);
    broker.clock.advance(INVISIBLE_MS + 1);
    const third = await pop('PopFifo', 'G4', { order: true, queueId: 0 });
    expect(third.messages.map((m) => m.body)).toEqual(['f2']);
    expect(third.header.orderCountInfo).toBe('0 0 1');
  });

  it('long-polls: a parked pop is answered as soon as a message arrives', async () => {
    await send('PopPoll', 0, 'early');
    expect((await pop('PopPoll', 'G5')).messages.map((m) => m.body)).toEqual(['early']);
    const parked = pop('PopPoll', 'G5', { pollTime: 8000, queueId: -1 });
    await send('PopPollWake', 0, 'create-other'); // an unrelated arrival wakes nothing
    await new Promise((resolve) => setTimeout(resolve, 100));
    const before = Date.now();
    await send('PopPoll', 0, 'late');
    const popped = await parked;
    expect(popped.messages.map((m) => m.body)).toEqual(['late']);
    expect(Date.now() - before).toBeLessThan(5000);
  }, 20_000);

  it('answers bad input with a code and keeps the connection: unknown topic, broken handle, offset out of range, over-sized batch', async () => {
    expect((await pop('NoSuchTopic', 'G6')).response.code).toBe(ResponseCode.TOPIC_NOT_EXIST);
    const bad = await invoke(
      RequestCode.ACK_MESSAGE,
      AckMessageRequestHeader.encode({ consumerGroup: 'G6', topic: 'PopT', queueId: 0, extraInfo: 'not a handle', offset: 0 }),
    );
    expect(bad.code).toBe(ResponseCode.INVALID_PARAMETER);
    expect(bad.remark).toMatch(/extraInfo/);
    const far = await invoke(
      RequestCode.ACK_MESSAGE,
      AckMessageRequestHeader.encode({
        consumerGroup: 'G6',
        topic: 'PopT',
        queueId: 0,
        extraInfo: '0 1 60000 0 0 broker-a 0 99',
        offset: 99,
      }),
    );
    expect(far.code).toBe(ResponseCode.NO_MESSAGE);
    expect((await pop('PopT', 'G6', { maxMsgNums: 33 })).response.code).toBe(ResponseCode.INVALID_PARAMETER);
    const garbage = await invoke(RequestCode.BATCH_ACK_MESSAGE, {}, Buffer.from('{"acks":[{"c":'));
    expect(garbage.code).not.toBe(ResponseCode.SUCCESS);
    expect((await pop('PopT', 'G6')).response.code).toBe(ResponseCode.SUCCESS);
  });
});
