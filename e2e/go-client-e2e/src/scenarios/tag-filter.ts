import { expect, it } from 'vitest';

import { successes, waitForBodies } from '../support/consumption';
import { bodiesFor, goProduce } from '../support/go-commands';
import { newScenario, startSoleConsumer } from '../support/scenario';
import type { GoTarget } from '../support/targets';

const QUEUES = 4;
const TAGS = ['TagA', 'TagB', 'TagC'];
const COUNT = 30;

/** Tag subscriptions: the broker filters by tag hash code, the client by tag. */
export function tagFilterScenarios(target: () => GoTarget): void {
  it('tag filter: a group subscribed to TagA||TagC gets exactly those messages, a group subscribed to TagB exactly the others', async () => {
    const scenario = await newScenario(target(), 'tags', QUEUES);
    const { cluster, topic } = scenario;
    const ac = await startSoleConsumer(scenario, { group: `${scenario.group}_ac`, selector: 'TagA||TagC' });
    const b = await startSoleConsumer(scenario, { group: `${scenario.group}_b`, selector: 'TagB' });

    await goProduce(cluster.namesrvAddr, { topic, mode: 'sync', count: COUNT, prefix: 'tagged', tags: TAGS });
    const all = bodiesFor('tagged', COUNT);
    const tagOf = (index: number): string => TAGS[index % TAGS.length] ?? '';
    const expectedAc = all.filter((_, index) => tagOf(index) !== 'TagB');
    const expectedB = all.filter((_, index) => tagOf(index) === 'TagB');
    await waitForBodies([ac], expectedAc, { reason: 'TagA||TagC group consumed its messages' });
    await waitForBodies([b], expectedB, { reason: 'TagB group consumed its messages' });

    expect(
      successes(ac)
        .map((event) => event.body)
        .sort(),
    ).toEqual(expectedAc.sort());
    expect(new Set(successes(ac).map((event) => event.tags))).toEqual(new Set(['TagA', 'TagC']));
    expect(
      successes(b)
        .map((event) => event.body)
        .sort(),
    ).toEqual(expectedB.sort());
    expect(new Set(successes(b).map((event) => event.tags))).toEqual(new Set(['TagB']));
  });
}
