import { expect, it } from 'vitest';

import { successes, waitForBodies } from '../support/consumption';
import { bodiesFor, goProduce } from '../support/go-commands';
import { newScenario, startSoleConsumer } from '../support/scenario';
import type { GoTarget } from '../support/targets';
import { queueKey } from '../support/topics';

const QUEUES = 4;
const KEYS = ['order-1', 'order-2', 'order-3', 'order-4', 'order-5'];
const COUNT = 50;

/** The driver gives message i (body `orderly-<i>`) sharding key i mod KEYS.length. */
function keyOf(body: string): string | undefined {
  return KEYS[Number(body.slice(body.lastIndexOf('-') + 1)) % KEYS.length];
}

/** Orderly consumption: queue locks, one message at a time per queue. */
export function orderlyScenarios(target: () => GoTarget): void {
  it('orderly: messages of one sharding key go to one queue and are consumed in send order, each once', async () => {
    const scenario = await newScenario(target(), 'orderly', QUEUES);
    const consumer = await startSoleConsumer(scenario, { orderly: true });

    // Sync sends one after the other: the send order of a key is the order of its bodies.
    const sent = await goProduce(scenario.cluster.namesrvAddr, {
      topic: scenario.topic,
      mode: 'sync',
      count: COUNT,
      prefix: 'orderly',
      shardingKeys: KEYS,
    });
    await waitForBodies([consumer], bodiesFor('orderly', COUNT), { reason: 'the orderly consumer consumed every message' });

    const consumed = successes(consumer);
    expect(consumed).toHaveLength(COUNT);
    for (const key of KEYS) {
      const sentOfKey = sent.filter((event) => keyOf(event.bodies[0] ?? '') === key);
      expect(new Set(sentOfKey.map(queueKey)).size).toBe(1);
      const consumedOfKey = consumed.filter((event) => event.shardingKey === key);
      expect(consumedOfKey.map((event) => event.body)).toEqual(sentOfKey.map((event) => event.bodies[0]));
      expect(new Set(consumedOfKey.map((event) => queueKey(event.queue)))).toEqual(new Set(sentOfKey.map(queueKey)));
    }
  });
}
