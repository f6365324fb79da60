import { beforeAll, describe, expect, it } from 'vitest';

import { waitFor, withLogsOnFailure } from '@rocketmq-ts/testing';

import {
  type RunningBroker,
  type RunningNamesrv,
  startJavaBroker,
  startNamesrv,
  waitForBrokerInCluster,
  waitForTopicRoute,
} from './support/cluster';
import { runJavaConsumer, runJavaProducer } from './support/java-client';
import { createTopicOnBroker, getAllTopics, getClusterInfo, getTopicRoute, TopicNotFoundError } from './support/namesrv-queries';
import { unique, useProcessHygiene } from './support/suite-hooks';

const MESSAGES = 20;

describe('Interop > Apache RocketMQ 5.3.3 broker and Java client against our namesrv', () => {
  useProcessHygiene();
  let namesrv: RunningNamesrv;
  let broker: RunningBroker;

  beforeAll(async () => {
    await withLogsOnFailure(async () => {
      namesrv = await startNamesrv();
      broker = await startJavaBroker(namesrv.address, { brokerName: unique('broker'), clusterName: 'InteropCluster' });
      await waitForBrokerInCluster(namesrv.port, broker);
    });
  });

  it('lists the Java broker in GET_BROKER_CLUSTER_INFO as master of its cluster', async () => {
    const info = await getClusterInfo(namesrv.port);
    expect(info.clusterAddrTable['InteropCluster']).toContain(broker.brokerName);
    expect(info.brokerAddrTable[broker.brokerName]).toEqual({
      brokerName: broker.brokerName,
      cluster: 'InteropCluster',
      brokerAddrs: { '0': broker.address },
    });
  });

  it("serves the broker's default topic TBW102 with its 8 queues and perm 7", async () => {
    const route = await getTopicRoute(namesrv.port, 'TBW102');
    expect(route.brokerDatas).toEqual([{ brokerName: broker.brokerName, cluster: 'InteropCluster', brokerAddrs: { '0': broker.address } }]);
    expect(route.queueDatas).toEqual([{ brokerName: broker.brokerName, readQueueNums: 8, writeQueueNums: 8, perm: 7, topicSysFlag: 0 }]);
  });

  it('quotes brokerAddrs keys for version >= 401 (Java 5.3.3) and leaves them bare for ali-ons (version 121)', async () => {
    const standard = await getTopicRoute(namesrv.port, 'TBW102', 479);
    expect(standard.raw).toContain(`"brokerAddrs":{"0":"${broker.address}"}`);
    expect(() => JSON.parse(standard.raw) as unknown).not.toThrow();
    const legacy = await getTopicRoute(namesrv.port, 'TBW102', 121);
    expect(legacy.raw).toContain(`"brokerAddrs":{0:"${broker.address}"}`);
  });

  it("lists the broker's system topics in GET_ALL_TOPIC_LIST_FROM_NAMESERVER", async () => {
    const topics = await getAllTopics(namesrv.port);
    expect(topics).toEqual(expect.arrayContaining(['TBW102', broker.brokerName, 'InteropCluster']));
  });

  it('answers TOPIC_NOT_EXIST for a topic nobody registered', async () => {
    await expect(getTopicRoute(namesrv.port, unique('nobody_has_this'))).rejects.toBeInstanceOf(TopicNotFoundError);
  });

  it('learns a topic created on the broker, then carries Java producer -> broker -> Java push consumer', async () => {
    const topic = unique('interop_java');
    await createTopicOnBroker(broker.port, topic, { read: 4, write: 4 });
    const route = await waitForTopicRoute(namesrv.port, topic, broker.brokerName);
    expect(route.queueDatas).toEqual([{ brokerName: broker.brokerName, readQueueNums: 4, writeQueueNums: 4, perm: 6, topicSysFlag: 0 }]);
    expect(await getAllTopics(namesrv.port)).toContain(topic);

    const keyPrefix = unique('key');
    const sent = await runJavaProducer({ namesrv: namesrv.address, topic, count: MESSAGES, keyPrefix });
    expect(sent.sendOk).toBe(MESSAGES);
    expect(new Set(sent.sendLines.map((line) => line['broker']))).toEqual(new Set([broker.brokerName]));
    expect(new Set(sent.sendLines.map((line) => line['queueId'])).size).toBeGreaterThan(1);

    const received = await runJavaConsumer({ namesrv: namesrv.address, topic, group: unique('interop_group'), count: MESSAGES });
    expect(received.complete).toBe(true);
    expect(new Set(received.msgIds)).toEqual(new Set(sent.msgIds));
    expect(new Set(received.keys)).toEqual(new Set(sent.keys));
  });

  it('lets the Java producer auto-create a topic through the TBW102 route, then consumes it', async () => {
    const topic = unique('interop_auto');
    await expect(getTopicRoute(namesrv.port, topic)).rejects.toBeInstanceOf(TopicNotFoundError);

    const sent = await runJavaProducer({ namesrv: namesrv.address, topic, count: 8, keyPrefix: unique('auto') });
    expect(sent.sendOk).toBe(8);
    const route = await waitForTopicRoute(namesrv.port, topic, broker.brokerName);
    expect(route.brokerDatas.map((data) => data.brokerAddrs['0'])).toEqual([broker.address]);

    const received = await runJavaConsumer({ namesrv: namesrv.address, topic, group: unique('interop_auto_group'), count: 8 });
    expect(received.complete).toBe(true);
    expect(new Set(received.msgIds)).toEqual(new Set(sent.msgIds));
  });

  it('drops the broker from cluster info once it shuts down', async () => {
    const exit = await broker.process.stop({ graceMs: 20_000 });
    expect(exit.signal === 'SIGKILL').toBe(false);
    await waitFor(
      async () => {
        const info = await getClusterInfo(namesrv.port);
        return info.brokerAddrTable[broker.brokerName] === undefined;
      },
      {
        timeoutMs: 30_000,
        intervalMs: 500,
        reason: `broker ${broker.brokerName} removed from namesrv after shutdown (UNREGISTER_BROKER or connection close)`,
      },
    );
    await expect(getTopicRoute(namesrv.port, 'TBW102')).rejects.toBeInstanceOf(TopicNotFoundError);
  });
});
