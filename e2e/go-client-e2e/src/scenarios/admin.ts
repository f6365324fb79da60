import { expect, it } from 'vitest';

import { topicOffsets, uniqueName, waitFor } from '@rocketmq-ts/testing';

import { bodiesFor, goAdminCreateTopic, goAdminDeleteTopic, goAdminQueues, goAdminTopics, goProduce } from '../support/go-commands';
import { allStoredMessages } from '../support/stored';
import type { GoTarget } from '../support/targets';
import { allQueueKeys, queueKey } from '../support/topics';

const QUEUES = 4;

/** The Go client's admin API: CreateTopic, FetchAllTopicList, FetchPublishMessageQueues, DeleteTopic. */
export function adminScenarios(target: () => GoTarget): void {
  it('admin: creates a topic on every master, lists it with all its queues, sends to it, deletes it from brokers and name servers', async () => {
    const cluster = target();
    const topic = uniqueName('go_admin');
    for (const master of cluster.masters) await goAdminCreateTopic(cluster.namesrvAddr, master.addr, topic, QUEUES);

    const expectedQueues = allQueueKeys(cluster, QUEUES);
    for (const namesrvAddr of cluster.namesrvAddrs) {
      const queues = await waitFor(
        async () => {
          const keys = (await goAdminQueues(namesrvAddr, topic)).map(queueKey).sort();
          return keys.length === expectedQueues.length ? keys : false;
        },
        { timeoutMs: 60_000, intervalMs: 500, reason: `${namesrvAddr} routes ${topic} to every master` },
      );
      expect(queues).toEqual(expectedQueues);
      expect(await goAdminTopics(namesrvAddr)).toContain(topic);
    }

    const sent = await goProduce(cluster.namesrvAddr, { topic, mode: 'sync', count: 8, prefix: 'admin' });
    expect(sent.every((event) => event.status === 'SEND_OK')).toBe(true);
    expect((await allStoredMessages(cluster, topic, QUEUES, 8)).map((message) => message.body).sort()).toEqual(
      bodiesFor('admin', 8).sort(),
    );

    for (const master of cluster.masters) await goAdminDeleteTopic(cluster.namesrvAddr, master.addr, topic);
    for (const namesrvAddr of cluster.namesrvAddrs) {
      expect(await goAdminTopics(namesrvAddr)).not.toContain(topic);
      await expect(goAdminQueues(namesrvAddr, topic)).rejects.toThrow();
    }
    for (const master of cluster.masters) {
      await expect(topicOffsets(master.addr, topic)).rejects.toThrow(/code 17/);
    }
  });
}
