import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import {
  decodeMessageRecord,
  encodeMessageProperties,
  parseMessageProperties,
  RMQ_SYS_SCHEDULE_TOPIC,
  RMQ_SYS_WHEEL_TIMER_TOPIC,
} from '@rocketmq-ts/model';
import {
  createRequest,
  type RemotingCommand,
  RequestCode,
  ResponseCode,
  SendMessageRequestHeaderV2,
  SendMessageResponseHeader,
} from '@rocketmq-ts/protocol';
import { RemotingClient } from '@rocketmq-ts/remoting';
import type { MessageStore } from '@rocketmq-ts/store';
import { waitFor } from '@rocketmq-ts/testing';

import { MESSAGE_STORE } from '../broker.tokens';
import { type InProcessBroker, startInProcessBroker } from '../testing/in-process-broker';

/**
 * The send path of timer messages over a real socket: a timer property parks the message in
 * rmq_sys_wheel_timer with TIMER_OUT_MS, REAL_TOPIC and REAL_QID (the reply still names the
 * requested queue), the timer service puts it to its topic once the broker's clock passes its
 * slot, and Java's refusals come back with Java's codes.
 */
describe('Broker > wire > timer messages', () => {
  let broker: InProcessBroker;
  let disabled: InProcessBroker;
  let store: MessageStore;
  const client = new RemotingClient();
  let uniq = 0;

  beforeAll(async () => {
    broker = await startInProcessBroker();
    disabled = await startInProcessBroker({ overrides: { timerWheelEnable: false } });
    store = broker.app.get<MessageStore>(MESSAGE_STORE);
  });

  afterAll(async () => {
    await client.close();
    await broker.stop();
    await disabled.stop();
  });

  function send(target: InProcessBroker, topic: string, properties: Record<string, string>, queueId = 1): Promise<RemotingCommand> {
    const extFields = SendMessageRequestHeaderV2.encodeFromV1({
      producerGroup: 'PG',
      topic,
      defaultTopic: 'TBW102',
      defaultTopicQueueNums: 4,
      queueId,
      sysFlag: 0,
      bornTimestamp: target.clock.nowMs(),
      flag: 0,
      properties: encodeMessageProperties({
        ...properties,
        UNIQ_KEY: `AC11000100002A9F00000000000${String(++uniq).padStart(5, '0')}`,
        WAIT: 'true',
      }),
    });
    return client.invoke(target.address, createRequest(RequestCode.SEND_MESSAGE_V2, { extFields, body: Buffer.from('at a time') }), 5_000);
  }

  async function propertiesAt(topic: string, queueId: number, offset: number): Promise<Map<string, string>> {
    const result = await store.getMessage({ group: 'spec', topic, queueId, offset, maxMsgNums: 1, maxMsgBytes: 0, filter: undefined });
    const raw = result.messages[0];
    if (raw === undefined) throw new Error(`no message at ${topic}/${queueId}/${offset} (${result.status})`);
    return parseMessageProperties(decodeMessageRecord(raw).properties);
  }

  it('parks a TIMER_DELAY_SEC message in the wheel topic and delivers it to its queue once its slot passed', async () => {
    const now = broker.clock.nowMs();
    const response = await send(broker, 'TimerWireTopic', { TIMER_DELAY_SEC: '5', TAGS: 'T' });
    expect(response.code).toBe(ResponseCode.SUCCESS);
    expect(SendMessageResponseHeader.decode(response.extFields).queueId).toBe(1);
    await waitFor(() => store.getMaxOffsetInQueue(RMQ_SYS_WHEEL_TIMER_TOPIC, 0) === 1, {
      timeoutMs: 5_000,
      reason: 'staged in the wheel topic',
    });
    const staged = await propertiesAt(RMQ_SYS_WHEEL_TIMER_TOPIC, 0, 0);
    const slot = Math.floor((now + 5_000) / 1000) * 1000 - (now % 1000 === 0 ? 1000 : 0);
    expect(Object.fromEntries(['TIMER_OUT_MS', 'REAL_TOPIC', 'REAL_QID'].map((name) => [name, staged.get(name)]))).toEqual({
      TIMER_OUT_MS: String(slot),
      REAL_TOPIC: 'TimerWireTopic',
      REAL_QID: '1',
    });

    // One millisecond before the slot has passed: a round runs (idle poll ≤ 1 s) and delivers nothing.
    broker.clock.set(slot + 999);
    await new Promise((resolve) => setTimeout(resolve, 1_200));
    expect(store.getMaxOffsetInQueue('TimerWireTopic', 1)).toBe(0);
    broker.clock.set(slot + 1_000);
    await waitFor(() => store.getMaxOffsetInQueue('TimerWireTopic', 1) === 1, {
      timeoutMs: 5_000,
      reason: 'the timer message delivered to TimerWireTopic/1',
    });
    const delivered = await propertiesAt('TimerWireTopic', 1, 0);
    expect(delivered.has('REAL_TOPIC')).toBe(false);
    expect(delivered.get('TIMER_OUT_MS')).toBe(String(slot));
    expect(delivered.get('TAGS')).toBe('T');
    expect(Number(delivered.get('TIMER_DEQUEUE_MS'))).toBeGreaterThanOrEqual(slot + 1_000);
  });

  it('stores a past TIMER_DELIVER_MS (and an ONS __STARTDELIVERTIME) straight in its topic', async () => {
    expect((await send(broker, 'TimerPastTopic', { TIMER_DELIVER_MS: String(broker.clock.nowMs() - 1) }, 0)).code).toBe(
      ResponseCode.SUCCESS,
    );
    expect((await send(broker, 'TimerPastTopic', { __STARTDELIVERTIME: String(broker.clock.nowMs()) }, 0)).code).toBe(ResponseCode.SUCCESS);
    await waitFor(() => store.getMaxOffsetInQueue('TimerPastTopic', 0) === 2, {
      timeoutMs: 5_000,
      reason: 'both dispatched to TimerPastTopic/0',
    });
    expect(store.getMaxOffsetInQueue(RMQ_SYS_WHEEL_TIMER_TOPIC, 0)).toBe(1);
  });

  it('holds an ONS __STARTDELIVERTIME in the future like TIMER_DELIVER_MS', async () => {
    const before = store.getMaxOffsetInQueue(RMQ_SYS_WHEEL_TIMER_TOPIC, 0);
    expect((await send(broker, 'TimerOnsTopic', { __STARTDELIVERTIME: String(broker.clock.nowMs() + 60_000) }, 2)).code).toBe(
      ResponseCode.SUCCESS,
    );
    await waitFor(() => store.getMaxOffsetInQueue(RMQ_SYS_WHEEL_TIMER_TOPIC, 0) === before + 1, {
      timeoutMs: 5_000,
      reason: 'staged in the wheel topic',
    });
    expect((await propertiesAt(RMQ_SYS_WHEEL_TIMER_TOPIC, 0, before)).get('REAL_TOPIC')).toBe('TimerOnsTopic');
  });

  it('refuses a delay beyond timerMaxDelaySec and an unreadable time with MESSAGE_ILLEGAL, as Java', async () => {
    const tooFar = await send(broker, 'TimerIllegalTopic', { TIMER_DELAY_MS: String(259_200_000 + 5_000) });
    expect(tooFar.code).toBe(ResponseCode.MESSAGE_ILLEGAL);
    expect(tooFar.remark).toBe(
      'timer message illegal, the delay time should not be bigger than the max delay 259200000ms; or if set del msg, the delay time should be bigger than the current time',
    );
    expect((await send(broker, 'TimerIllegalTopic', { TIMER_DELIVER_MS: '12.5' })).code).toBe(ResponseCode.MESSAGE_ILLEGAL);
    expect(store.getMaxOffsetInQueue('TimerIllegalTopic', 1)).toBe(0);
  });

  it('lets a DELAY level win: timer properties are dropped and the message goes to its level queue', async () => {
    const before = store.getMaxOffsetInQueue(RMQ_SYS_SCHEDULE_TOPIC, 1);
    expect((await send(broker, 'TimerDelayTopic', { DELAY: '2', TIMER_DELAY_SEC: '30' })).code).toBe(ResponseCode.SUCCESS);
    await waitFor(() => store.getMaxOffsetInQueue(RMQ_SYS_SCHEDULE_TOPIC, 1) === before + 1, {
      timeoutMs: 5_000,
      reason: 'dispatched to level 2',
    });
    const parked = await propertiesAt(RMQ_SYS_SCHEDULE_TOPIC, 1, before);
    expect(parked.has('TIMER_DELAY_SEC')).toBe(false);
    expect(parked.get('REAL_TOPIC')).toBe('TimerDelayTopic');
  });

  it('refuses timer messages with SYSTEM_ERROR when timerWheelEnable=false', async () => {
    const response = await send(disabled, 'TimerOffTopic', { TIMER_DELAY_SEC: '5' });
    expect(response.code).toBe(ResponseCode.SYSTEM_ERROR);
    expect(response.remark).toBe('accurate timer message is not enabled, timerWheelEnable is false');
  });
});
