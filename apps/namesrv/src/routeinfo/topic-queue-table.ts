import { PermName } from '@rocketmq-ts/model';

import type { QueueData, TopicQueueSettings } from './route-info-types';

/**
 * topic → brokerName → QueueData: which broker groups serve a topic, with how many queues and
 * which permissions. Owned by RouteInfoManager; kept apart so perm and delete operations stay small.
 */
export class TopicQueueTable {
  private readonly table = new Map<string, Map<string, QueueData>>();

  get topicCount(): number {
    return this.table.size;
  }

  topics(): string[] {
    return [...this.table.keys()];
  }

  queueDatas(topic: string): QueueData[] | undefined {
    const byBroker = this.table.get(topic);
    return byBroker === undefined ? undefined : [...byBroker.values()];
  }

  hasQueueData(topic: string, brokerName: string): boolean {
    return this.table.get(topic)?.has(brokerName) ?? false;
  }

  /** Puts the broker's queue settings for a topic; returns true if anything changed. */
  upsert(topic: string, brokerName: string, settings: TopicQueueSettings): boolean {
    let byBroker = this.table.get(topic);
    if (byBroker === undefined) {
      byBroker = new Map();
      this.table.set(topic, byBroker);
    }
    const next: QueueData = {
      brokerName,
      readQueueNums: settings.readQueueNums,
      writeQueueNums: settings.writeQueueNums,
      perm: settings.perm,
      topicSysFlag: settings.topicSysFlag,
    };
    const previous = byBroker.get(brokerName);
    if (previous !== undefined && sameQueueData(previous, next)) return false;
    byBroker.set(brokerName, next);
    return true;
  }

  /** Topics that have queues on `brokerName`. */
  topicsOfBroker(brokerName: string): string[] {
    return [...this.table].filter(([, byBroker]) => byBroker.has(brokerName)).map(([topic]) => topic);
  }

  /** Drops one broker group's queues of one topic, and the topic when no group is left. */
  removeBrokerFromTopic(topic: string, brokerName: string): void {
    const byBroker = this.table.get(topic);
    if (byBroker === undefined) return;
    byBroker.delete(brokerName);
    if (byBroker.size === 0) this.table.delete(topic);
  }

  /** Drops a broker group's queues from every topic. */
  removeBroker(brokerName: string): void {
    for (const topic of this.topicsOfBroker(brokerName)) this.removeBrokerFromTopic(topic, brokerName);
  }

  removeTopic(topic: string): boolean {
    return this.table.delete(topic);
  }

  /**
   * WIPE_WRITE_PERM_OF_BROKER clears the write bit; ADD_WRITE_PERM_OF_BROKER restores read+write.
   * Returns how many topics were touched (the reply's wipeTopicCount / addTopicCount).
   */
  updateWritePerm(brokerName: string, mode: 'wipe' | 'add'): number {
    let touched = 0;
    for (const byBroker of this.table.values()) {
      const current = byBroker.get(brokerName);
      if (current === undefined) continue;
      const perm = mode === 'wipe' ? current.perm & ~PermName.PERM_WRITE : PermName.PERM_READ | PermName.PERM_WRITE;
      byBroker.set(brokerName, { ...current, perm });
      touched++;
    }
    return touched;
  }
}

function sameQueueData(a: QueueData, b: QueueData): boolean {
  return (
    a.readQueueNums === b.readQueueNums && a.writeQueueNums === b.writeQueueNums && a.perm === b.perm && a.topicSysFlag === b.topicSysFlag
  );
}
