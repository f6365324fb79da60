import { compareMessageQueues, isReadable, type MessageQueue } from '@rocketmq-ts/model';
import type { TopicRouteData } from '@rocketmq-ts/protocol';

/** What a consumer needs of a route: every readable queue, and where each broker group lives. */
export interface TopicSubscribeInfo {
  readonly topic: string;
  /** Readable queues of every broker group, sorted as Java sorts MessageQueue. */
  readonly queues: readonly MessageQueue[];
  /** brokerName -> (brokerId -> address); id 0 is the master. */
  readonly brokers: ReadonlyMap<string, ReadonlyMap<number, string>>;
}

/**
 * Java's topicRouteData2TopicSubscribeInfo: `readQueueNums` queues per readable queue data,
 * whether or not its master is up (a slave may serve the pulls).
 */
export function toSubscribeInfo(topic: string, route: TopicRouteData): TopicSubscribeInfo {
  const brokers = new Map<string, ReadonlyMap<number, string>>();
  for (const broker of route.brokerDatas) brokers.set(broker.brokerName, broker.brokerAddrs);
  const queues: MessageQueue[] = [];
  for (const queueData of route.queueDatas) {
    if (!isReadable(queueData.perm)) continue;
    for (let queueId = 0; queueId < queueData.readQueueNums; queueId += 1)
      queues.push({ topic, brokerName: queueData.brokerName, queueId });
  }
  queues.sort(compareMessageQueues);
  return { topic, queues, brokers };
}
