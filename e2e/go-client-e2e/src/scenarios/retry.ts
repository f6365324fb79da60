import { expect, it } from 'vitest';

import { waitForBodies } from '../support/consumption';
import { bodiesFor, goProduce } from '../support/go-commands';
import { newScenario, startSoleConsumer } from '../support/scenario';
import type { GoTarget } from '../support/targets';

const QUEUES = 2;
const RETRIES = 2;
/** Levels 3 and 4 (a first and second retry) are 1 s on both brokers (targets.ts DELAY_LEVELS). */
const RETRY_DELAY_MS = 1_000;
/**
 * The %RETRY% topic appears with the group's first heartbeat; the Go client learns its route on
 * its 30 s name server poll and pulls it after its next 20 s rebalance.
 */
const RETRY_TIMEOUT_MS = 90_000;

/** ConsumeRetryLater: CONSUMER_SEND_MSG_BACK, redelivery through %RETRY%<group>. */
export function retryScenarios(target: () => GoTarget): void {
  it(
    'retry: a message answered RetryLater twice comes back through %RETRY%<group> with reconsumeTimes 1 and 2, same id, at least 1 s apart',
    { timeout: 150_000 },
    async () => {
      const scenario = await newScenario(target(), 'retry', QUEUES);
      const { cluster, topic, group } = scenario;
      const consumer = await startSoleConsumer(scenario, { retryTimes: RETRIES });

      const sent = await goProduce(cluster.namesrvAddr, { topic, mode: 'sync', count: 3, prefix: 'retry' });
      await waitForBodies([consumer], bodiesFor('retry', 3), {
        timeoutMs: RETRY_TIMEOUT_MS,
        reason: 'every message acknowledged after its retries',
      });

      const received = consumer.received();
      for (const send of sent) {
        const deliveries = received.filter((event) => event.body === send.bodies[0]);
        expect(deliveries.map((event) => [event.reconsumeTimes, event.result, event.topic, event.msgId])).toEqual([
          [0, 'RETRY_LATER', topic, send.msgId],
          [1, 'RETRY_LATER', topic, send.msgId],
          [2, 'SUCCESS', topic, send.msgId],
        ]);
        expect(deliveries.map((event) => event.queue.topic)).toEqual([topic, `%RETRY%${group}`, `%RETRY%${group}`]);
        for (let index = 1; index < deliveries.length; index += 1) {
          expect((deliveries[index]?.at ?? 0) - (deliveries[index - 1]?.at ?? 0)).toBeGreaterThanOrEqual(RETRY_DELAY_MS);
        }
      }
    },
  );
}
