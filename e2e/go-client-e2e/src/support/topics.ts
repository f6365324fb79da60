import { createTopic } from '@rocketmq-ts/testing';

import type { GoTarget } from './targets';

/**
 * A topic with `queuesPerMaster` read and write queues on every master, created with a plain
 * UPDATE_AND_CREATE_TOPIC (not through the client under test) and routed by every name server.
 */
export async function createTopicOnMasters(target: GoTarget, topic: string, queuesPerMaster: number): Promise<void> {
  for (const master of target.masters) {
    await createTopic(
      { brokerAddr: master.addr, brokerName: master.brokerName, namesrvAddrs: target.namesrvAddrs },
      topic,
      queuesPerMaster,
    );
  }
}

/** Every queue of a topic created by createTopicOnMasters, as `broker:queueId`, sorted. */
export function allQueueKeys(target: GoTarget, queuesPerMaster: number): string[] {
  return target.masters
    .flatMap((master) => Array.from({ length: queuesPerMaster }, (_, queueId) => `${master.brokerName}:${queueId}`))
    .sort();
}

export function queueKey(queue: { readonly broker?: string; readonly queueId?: number }): string {
  return `${queue.broker ?? '?'}:${queue.queueId ?? '?'}`;
}
