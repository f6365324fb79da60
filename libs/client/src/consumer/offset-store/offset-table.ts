import { type MessageQueue, messageQueueKey } from '@rocketmq-ts/model';

/** In-memory offsets by queue: the part both stores share. */
export class OffsetTable {
  private readonly entries = new Map<string, { queue: MessageQueue; offset: number }>();

  get(queue: MessageQueue): number | undefined {
    return this.entries.get(messageQueueKey(queue))?.offset;
  }

  set(queue: MessageQueue, offset: number, increaseOnly: boolean): void {
    const key = messageQueueKey(queue);
    const entry = this.entries.get(key);
    if (entry === undefined) this.entries.set(key, { queue, offset });
    else if (!increaseOnly || offset > entry.offset) entry.offset = offset;
  }

  delete(queue: MessageQueue): void {
    this.entries.delete(messageQueueKey(queue));
  }

  all(): Array<{ queue: MessageQueue; offset: number }> {
    return [...this.entries.values()].map(({ queue, offset }) => ({ queue, offset }));
  }
}
