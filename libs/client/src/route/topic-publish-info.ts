import { isWriteable, type MessageQueue } from '@rocketmq-ts/model';
import type { TopicRouteData } from '@rocketmq-ts/protocol';

/** Broker id of the master in BrokerData.brokerAddrs. */
export const MASTER_ID = 0;

/** What a producer needs of a route: the writable queues on masters, in a stable order. */
export interface TopicPublishInfo {
  readonly topic: string;
  readonly queues: readonly MessageQueue[];
  /** brokerName -> master address, for the brokers these queues live on. */
  readonly masters: ReadonlyMap<string, string>;
  /** true when the queues were made from TBW102's route because the topic has none yet. */
  readonly fromDefaultTopic: boolean;
}

/**
 * Writable queues of every broker group that has a live master, sorted by broker name so that
 * round robin visits brokers in the same order in every process.
 */
export function toPublishInfo(topic: string, route: TopicRouteData, fromDefaultTopic: boolean): TopicPublishInfo {
  const masters = new Map<string, string>();
  for (const broker of route.brokerDatas) {
    const master = broker.brokerAddrs.get(MASTER_ID);
    if (master !== undefined) masters.set(broker.brokerName, master);
  }
  const queues: MessageQueue[] = [];
  const queueDatas = [...route.queueDatas].sort((left, right) =>
    left.brokerName < right.brokerName ? -1 : left.brokerName > right.brokerName ? 1 : 0,
  );
  for (const queueData of queueDatas) {
    if (!isWriteable(queueData.perm) || !masters.has(queueData.brokerName)) continue;
    for (let queueId = 0; queueId < queueData.writeQueueNums; queueId += 1)
      queues.push({ topic, brokerName: queueData.brokerName, queueId });
  }
  return { topic, queues, masters, fromDefaultTopic };
}

/**
 * The route of a topic that does not exist yet, borrowed from TBW102: the same brokers, each
 * offering `min(defaultQueueNums, readQueueNums)` queues. The broker creates the topic with that
 * many queues on the first send (docs/remoting-protocol.md#client-differences).
 */
export function fromDefaultTopicRoute(defaultRoute: TopicRouteData, defaultQueueNums: number): TopicRouteData {
  return {
    ...defaultRoute,
    queueDatas: defaultRoute.queueDatas.map((queueData) => {
      const queueNums = Math.min(defaultQueueNums, queueData.readQueueNums);
      return { ...queueData, readQueueNums: queueNums, writeQueueNums: queueNums };
    }),
  };
}
