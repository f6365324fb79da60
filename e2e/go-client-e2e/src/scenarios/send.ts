import { expect, it } from 'vitest';

import type { SentEvent } from '../support/driver-events';
import { bodiesFor, goProduce } from '../support/go-commands';
import { allStoredMessages, dispatchedMessages, masterAddr } from '../support/stored';
import { newScenario } from '../support/scenario';
import type { GoTarget } from '../support/targets';

const QUEUES = 4;
const COUNT = 12;

/** Sync, async, one-way and batch sends of the Go producer, checked against what the brokers store. */
export function sendScenarios(target: () => GoTarget): void {
  it.each(['sync', 'async'] as const)(
    '%s send: SEND_OK for each message, stored once at the queue and offset the result names, with its ids',
    async (mode) => {
      const { cluster, topic } = await newScenario(target(), mode, QUEUES);
      const sent = await goProduce(cluster.namesrvAddr, { topic, mode, count: COUNT, prefix: mode });

      expect(sent.flatMap((event) => event.bodies).sort()).toEqual(bodiesFor(mode, COUNT).sort());
      for (const event of sent) await expectStoredAsSent(cluster, topic, event);
      // Nothing stored twice (a retried send would be).
      expect(await allStoredMessages(cluster, topic, QUEUES, COUNT)).toHaveLength(COUNT);
    },
  );

  it('one-way send: every message stored exactly once (no result to check it against)', async () => {
    const { cluster, topic } = await newScenario(target(), 'oneway', QUEUES);
    const sent = await goProduce(cluster.namesrvAddr, { topic, mode: 'oneway', count: COUNT, prefix: 'oneway' });

    expect(sent.map((event) => event.bodies)).toEqual(bodiesFor('oneway', COUNT).map((body) => [body]));
    const stored = await allStoredMessages(cluster, topic, QUEUES, COUNT);
    expect(stored.map((message) => message.body).sort()).toEqual(bodiesFor('oneway', COUNT).sort());
    expect(stored.every((message) => message.uniqueKey !== undefined && message.uniqueKey.length > 0)).toBe(true);
  });

  it('batch send: one SEND_OK for the batch; its messages stored in order at consecutive offsets of one queue, with the offset ids the broker answered', async () => {
    const { cluster, topic } = await newScenario(target(), 'batch', QUEUES);
    const sent = await goProduce(cluster.namesrvAddr, { topic, mode: 'batch', count: 8, prefix: 'batch' });

    expect(sent).toHaveLength(1);
    const [batch] = sent as [SentEvent];
    expect(batch).toMatchObject({ status: 'SEND_OK', bodies: bodiesFor('batch', 8) });
    const offsetIds = (batch.offsetMsgId ?? '').split(',');
    expect(offsetIds).toHaveLength(8);
    const stored = await dispatchedMessages(masterAddr(cluster, batch.broker), topic, batch.queueId ?? -1, batch.queueOffset ?? -1, 8);
    expect(stored.slice(0, 8).map((message) => [message.body, message.queueOffset, message.offsetMsgId])).toEqual(
      bodiesFor('batch', 8).map((body, index) => [body, (batch.queueOffset ?? 0) + index, offsetIds[index]]),
    );
    expect(await allStoredMessages(cluster, topic, QUEUES, 8)).toHaveLength(8);
  });
}

/**
 * The message of one single-message send is where its result says: same body at that queue and
 * offset, UNIQ_KEY = msgId, offset id = offsetMsgId; on a target with slaves, the slave of a
 * SYNC_MASTER holds the same message.
 */
async function expectStoredAsSent(cluster: GoTarget, topic: string, event: SentEvent): Promise<void> {
  expect(event.status).toBe('SEND_OK');
  const [body] = event.bodies;
  const queueId = event.queueId ?? -1;
  const offset = event.queueOffset ?? -1;
  const [stored] = await dispatchedMessages(masterAddr(cluster, event.broker), topic, queueId, offset, 1);
  expect(stored).toEqual({ body, queueOffset: offset, uniqueKey: event.msgId, offsetMsgId: event.offsetMsgId });
  const slave = cluster.slaves.get(event.broker ?? '');
  if (slave !== undefined) {
    const [replica] = await dispatchedMessages(slave, topic, queueId, offset, 1);
    expect(replica).toEqual(stored);
  }
}
