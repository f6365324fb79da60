import type { ConsumeQueueFilter } from '@rocketmq-ts/store';

/**
 * A pull the broker parked because nothing was there to read (docs/remoting-protocol.md#requests-the-broker-serves,
 * docs/store-and-ha.md#consume-queues).
 * The hold service owns it until `wake` is called exactly once: on arrival of a matching message,
 * at its deadline, or at shutdown. `wake` re-runs the pull without suspension and answers it.
 */
export interface HeldPull {
  readonly topic: string;
  readonly queueId: number;
  /** The offset the client asked for: a queue max offset beyond it means there is news. */
  readonly pullFromThisOffset: number;
  /** Epoch ms after which the pull is answered as it stands (PULL_NOT_FOUND when still empty). */
  readonly deadlineMs: number;
  /** The consume-queue filter of its subscription; an arrival it rejects does not wake it. */
  readonly filter: ConsumeQueueFilter | undefined;
  /** SQL92 subscriptions: the arriving message's properties must match too (Java evaluates them on arrival). */
  readonly propertyFilter?: (properties: string) => boolean;
  wake(): void;
}

export function holdKey(topic: string, queueId: number): string {
  return `${topic}@${queueId}`;
}
