import { expect, it } from 'vitest';

import { successes, waitForBodies } from '../support/consumption';
import { bodiesFor, goProduce } from '../support/go-commands';
import { newScenario, startSoleConsumer } from '../support/scenario';
import { DELAY_LEVEL_2_MS, type GoTarget } from '../support/targets';

const QUEUES = 2;
/** The broker polls its delay queues; the consumer's long poll is woken by the delivery. */
const LATE_BOUND_MS = 20_000;

/** Delay levels (messageDelayLevel on both brokers: level 2 is 5 s). */
export function delayScenarios(target: () => GoTarget): void {
  it('delay level 2: stored again and consumed 5 s after it was born, once, under its own topic and id; undelayed messages sent after it arrive first', async () => {
    const scenario = await newScenario(target(), 'delay', QUEUES);
    const { cluster, topic } = scenario;
    const consumer = await startSoleConsumer(scenario);

    const delayed = await goProduce(cluster.namesrvAddr, { topic, mode: 'sync', count: 4, prefix: 'delayed', delayLevel: 2 });
    const prompt = await goProduce(cluster.namesrvAddr, { topic, mode: 'sync', count: 4, prefix: 'prompt' });
    await waitForBodies([consumer], [...bodiesFor('delayed', 4), ...bodiesFor('prompt', 4)], {
      reason: 'every delayed and prompt message consumed',
    });

    const consumed = successes(consumer);
    expect(consumed).toHaveLength(8);
    const sentIds = new Map([...delayed, ...prompt].map((event) => [event.bodies[0], event.msgId]));
    for (const event of consumed) {
      expect(event.topic).toBe(topic);
      expect(event.msgId).toBe(sentIds.get(event.body));
      const heldMs = event.at - event.bornTimestamp;
      if (event.body.startsWith('delayed')) {
        // The broker holds it in its schedule topic and writes it to the real topic when due.
        expect(event.storeTimestamp - event.bornTimestamp).toBeGreaterThanOrEqual(DELAY_LEVEL_2_MS);
        expect(heldMs).toBeGreaterThanOrEqual(DELAY_LEVEL_2_MS);
        expect(heldMs).toBeLessThan(DELAY_LEVEL_2_MS + LATE_BOUND_MS);
      } else {
        expect(heldMs).toBeLessThan(DELAY_LEVEL_2_MS);
      }
    }
    const lastPrompt = Math.max(...consumed.filter((event) => event.body.startsWith('prompt')).map((event) => event.at));
    const firstDelayed = Math.min(...consumed.filter((event) => event.body.startsWith('delayed')).map((event) => event.at));
    expect(lastPrompt).toBeLessThan(firstDelayed);
  });
}
