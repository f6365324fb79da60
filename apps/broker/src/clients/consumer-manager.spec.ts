import { describe, expect, it } from 'vitest';

import { ManualClock } from '@rocketmq-ts/base';
import type { ConsumerData } from '@rocketmq-ts/protocol';
import type { ConnectionContext } from '@rocketmq-ts/remoting';

import type { ClientChannel } from './client-channel';
import { ClientHousekeeper } from './client-housekeeper';
import { type ConsumerGroupEvent, ConsumerManager } from './consumer-manager';
import { ProducerManager } from './producer-manager';

// Consumer and producer channels without sockets: connections are fakes of the ConnectionContext
// port, time is a ManualClock, and the housekeeper's scan is called directly.
function fakeConnection(id: number): ConnectionContext & { close(): void } {
  const listeners: Array<(context: ConnectionContext) => void> = [];
  const connection = {
    id,
    remoteAddress: `127.0.0.1:${40_000 + id}`,
    closed: false,
    invoke: () => Promise.reject(new Error('not used')),
    invokeOneway: () => undefined,
    onClose: (listener: (context: ConnectionContext) => void) => {
      listeners.push(listener);
      return () => undefined;
    },
    close: () => {
      connection.closed = true;
      for (const listener of listeners) listener(connection);
    },
  };
  return connection;
}

const consumerData = (subVersion = 1n): ConsumerData => ({
  groupName: 'G1',
  consumeType: 'CONSUME_PASSIVELY',
  messageModel: 'CLUSTERING',
  consumeFromWhere: 'CONSUME_FROM_LAST_OFFSET',
  subscriptionDataSet: [
    { topic: 'T1', subString: '*', tagsSet: [], codeSet: [], subVersion, expressionType: 'TAG', classFilterMode: false },
  ],
  unitMode: false,
});

describe('Broker > clients > ConsumerManager', () => {
  const clock = new ManualClock();
  const channel = (id: number, clientId = `client-${id}`): ClientChannel => ({
    connection: fakeConnection(id),
    clientId,
    language: 'JAVA',
    version: 479,
    lastUpdateMs: clock.nowMs(),
  });

  it('announces membership changes, not refreshes, and lists members', () => {
    const consumers = new ConsumerManager(120_000);
    const events: Array<[string, ConsumerGroupEvent, number]> = [];
    consumers.onConsumerIdsChanged((group, event, members) => events.push([group, event, members.length]));
    const first = channel(1);
    expect(consumers.registerConsumer(first, consumerData(), false)).toEqual({ membershipChanged: true, subscriptionChanged: true });
    expect(consumers.registerConsumer({ ...first, lastUpdateMs: clock.nowMs() }, consumerData(), false)).toEqual({
      membershipChanged: false,
      subscriptionChanged: false,
    });
    consumers.registerConsumer(channel(2), consumerData(), false);
    expect(consumers.consumerIds('G1')).toEqual(['client-1', 'client-2']);
    expect(consumers.findSubscriptionData('G1', 'T1')?.subString).toBe('*');
    expect(events).toEqual([
      ['G1', 'register', 1],
      ['G1', 'register', 2],
    ]);
    consumers.unregisterConsumer('G1', 1);
    expect(events.at(-1)).toEqual(['G1', 'unregister', 1]);
  });

  it('drops a member on connection close and after 120 s without heartbeat (scan), removing empty groups', () => {
    const consumers = new ConsumerManager(120_000);
    const producers = new ProducerManager(120_000);
    const housekeeper = new ClientHousekeeper({ producers, consumers, clock });
    const stale = channel(3);
    const fresh = channel(4);
    consumers.registerConsumer(stale, consumerData(), false);
    producers.registerProducer('PG', stale);
    clock.advance(60_000);
    consumers.registerConsumer({ ...fresh, lastUpdateMs: clock.nowMs() }, consumerData(), false);
    clock.advance(60_001);
    housekeeper.scanOnce();
    expect(consumers.consumerIds('G1')).toEqual(['client-4']);
    expect(producers.channelCount).toBe(0);
    consumers.doChannelCloseEvent(4);
    expect(consumers.getConsumerGroupInfo('G1')).toBeUndefined();
  });

  it('keeps subscriptions on a V2 heartbeat withoutSub and ignores an older subVersion', () => {
    const consumers = new ConsumerManager(120_000);
    const member = channel(5);
    consumers.registerConsumer(member, consumerData(10n), false);
    expect(consumers.registerConsumer(member, { ...consumerData(20n), subscriptionDataSet: [] }, true).subscriptionChanged).toBe(false);
    expect(consumers.findSubscriptionData('G1', 'T1')?.subVersion).toBe(10n);
    const [subscription] = consumerData(5n).subscriptionDataSet;
    if (subscription === undefined) throw new Error('fixture has one subscription');
    const older = { ...consumerData(5n), subscriptionDataSet: [{ ...subscription, subString: 'a' }] };
    consumers.registerConsumer(member, older, false);
    expect(consumers.findSubscriptionData('G1', 'T1')?.subString).toBe('*');
  });
});
