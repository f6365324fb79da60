/**
 * One queue of a topic on one broker group: the unit of ordering, allocation and offsets.
 * Field names match RocketMQ's JSON (`{"brokerName":…,"queueId":…,"topic":…}`).
 */
export interface MessageQueue {
  readonly topic: string;
  readonly brokerName: string;
  readonly queueId: number;
}

/** A string key for maps and sets: valid topics hold no `@` and queueId comes last, so keys never collide. */
export function messageQueueKey(queue: MessageQueue): string {
  return `${queue.topic}@${queue.brokerName}@${queue.queueId}`;
}

export function sameMessageQueue(left: MessageQueue, right: MessageQueue): boolean {
  return left.queueId === right.queueId && left.topic === right.topic && left.brokerName === right.brokerName;
}

/** Java's `MessageQueue.compareTo`: topic, then broker name, then queue id. */
export function compareMessageQueues(left: MessageQueue, right: MessageQueue): number {
  if (left.topic !== right.topic) return left.topic < right.topic ? -1 : 1;
  if (left.brokerName !== right.brokerName) return left.brokerName < right.brokerName ? -1 : 1;
  return left.queueId - right.queueId;
}
