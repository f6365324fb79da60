import { setTimeout as sleep } from 'node:timers/promises';

import type { MQAdmin } from '@rocketmq-ts/client';

const ROUTE_WAIT_MS = 30_000;

/**
 * Creates the scenario's topic on every master of every cluster the name server knows (mqadmin
 * updateTopic -c), then waits until the name server routes it to all of them.
 */
export async function ensureTopic(admin: MQAdmin, topic: string, queues: number): Promise<void> {
  const info = await admin.clusterInfo();
  const clusters = [...info.clusterAddrTable.keys()];
  if (clusters.length === 0) throw new Error('the name server knows no cluster: is a broker registered?');
  let masters = 0;
  for (const clusterName of clusters)
    masters += (await admin.createOrUpdateTopic({ topic, readQueueNums: queues, writeQueueNums: queues }, { clusterName })).length;
  const deadline = Date.now() + ROUTE_WAIT_MS;
  for (;;) {
    const routed = await admin.topicRoute(topic).then(
      (route) => route.queueDatas.length,
      () => 0,
    );
    if (routed >= masters) return;
    if (Date.now() > deadline) throw new Error(`topic ${topic} routed on ${routed} of ${masters} masters after ${ROUTE_WAIT_MS / 1000} s`);
    await sleep(200);
  }
}

/** The master addresses by broker group, from the name server's cluster table. */
export async function mastersByBrokerName(admin: MQAdmin): Promise<Map<string, string>> {
  const info = await admin.clusterInfo();
  const masters = new Map<string, string>();
  for (const [brokerName, data] of info.brokerAddrTable) {
    const master = data.brokerAddrs.get(0);
    if (master !== undefined) masters.set(brokerName, master);
  }
  return masters;
}
