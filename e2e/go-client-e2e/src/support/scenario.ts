import { uniqueName } from '@rocketmq-ts/testing';

import { waitForShares } from './consumption';
import { GoConsumer, type GoConsumerOptions } from './go-driver';
import type { GoTarget } from './targets';
import { allQueueKeys, createTopicOnMasters } from './topics';

/** What one scenario works on: its own topic (on every master) and consumer group. */
export interface Scenario {
  readonly cluster: GoTarget;
  readonly topic: string;
  readonly group: string;
  readonly queuesPerMaster: number;
}

export async function newScenario(cluster: GoTarget, name: string, queuesPerMaster: number): Promise<Scenario> {
  const topic = uniqueName(`go_${name}`);
  await createTopicOnMasters(cluster, topic, queuesPerMaster);
  return { cluster, topic, group: uniqueName(`go_${name}_cg`), queuesPerMaster };
}

/** A Go consumer of the scenario's topic and group (both can be overridden). */
export function startConsumer(scenario: Scenario, options: Partial<GoConsumerOptions> = {}): Promise<GoConsumer> {
  return GoConsumer.start({ namesrvAddr: scenario.cluster.namesrvAddr, topic: scenario.topic, group: scenario.group, ...options });
}

/** The only member of its group, started and rebalanced: it owns every queue of the topic before anything is sent. */
export async function startSoleConsumer(scenario: Scenario, options: Partial<GoConsumerOptions> = {}): Promise<GoConsumer> {
  const consumer = await startConsumer(scenario, options);
  await waitForShares([consumer], scenario.topic, allQueueKeys(scenario.cluster, scenario.queuesPerMaster));
  return consumer;
}
