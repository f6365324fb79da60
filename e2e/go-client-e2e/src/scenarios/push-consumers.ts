import { expect, it } from 'vitest';

import { bodiesIn, successes, waitForBodies, waitForShares } from '../support/consumption';
import type { SentEvent } from '../support/driver-events';
import { bodiesFor, goProduce } from '../support/go-commands';
import { newScenario, startConsumer } from '../support/scenario';
import type { GoTarget } from '../support/targets';
import { allQueueKeys, queueKey } from '../support/topics';

const QUEUES = 4;

/** Clustering and broadcasting push consumers of the Go client. */
export function pushConsumerScenarios(target: () => GoTarget): void {
  it('clustering: two members split the queues; every message consumed once, by the member owning its queue, with the id it was sent with', async () => {
    const scenario = await newScenario(target(), 'clustering', QUEUES);
    const { cluster, topic } = scenario;
    const members = [await startConsumer(scenario), await startConsumer(scenario)];
    const shares = await waitForShares(members, topic, allQueueKeys(cluster, QUEUES));

    const sent = await goProduce(cluster.namesrvAddr, { topic, mode: 'sync', count: 40, prefix: 'clustering' });
    await waitForBodies(members, bodiesFor('clustering', 40), { reason: 'the group consumed every message' });

    const sentByBody = new Map(sent.map((event) => [event.bodies[0], event]));
    const consumed = members.flatMap((member, index) => successes(member).map((event) => ({ member: index, event })));
    expect(bodiesIn(consumed.map(({ event }) => event)).sort()).toEqual(bodiesFor('clustering', 40).sort());
    for (const { member, event } of consumed) {
      const send = sentByBody.get(event.body) as SentEvent;
      expect({ msgId: event.msgId, queue: queueKey(event.queue), topic: event.topic }).toEqual({
        msgId: send.msgId,
        queue: queueKey(send),
        topic,
      });
      expect(shares[member]).toContain(queueKey(event.queue));
    }
    expect(members.map((member) => successes(member).length).every((count) => count > 0)).toBe(true);
  });

  it('broadcasting: each of two members consumes every message exactly once', async () => {
    const scenario = await newScenario(target(), 'broadcast', QUEUES);
    const { cluster, topic } = scenario;
    const members = [await startConsumer(scenario, { model: 'broadcasting' }), await startConsumer(scenario, { model: 'broadcasting' })];

    const sent = await goProduce(cluster.namesrvAddr, { topic, mode: 'sync', count: 20, prefix: 'broadcast' });
    await waitForBodies(members, bodiesFor('broadcast', 20), { each: true, reason: 'each member consumed every message' });

    const sentIds = sent.map((event) => `${event.bodies[0] ?? ''}=${event.msgId ?? ''}`).sort();
    for (const member of members) {
      expect(
        successes(member)
          .map((event) => `${event.body}=${event.msgId}`)
          .sort(),
      ).toEqual(sentIds);
    }
  });
}
