import type { ConsumerData, SubscriptionData } from '@rocketmq-ts/protocol';

import type { ClientChannel } from './client-channel';

/**
 * One consumer group's members and subscriptions (Java's ConsumerGroupInfo). Subscriptions are
 * the group's last reported set: Java/GO pull without the subscription flag and rely on them.
 */
export class ConsumerGroupInfo {
  readonly channels = new Map<number, ClientChannel>();
  readonly subscriptions = new Map<string, SubscriptionData>();
  consumeType: string;
  messageModel: string;
  consumeFromWhere: string;

  constructor(
    readonly groupName: string,
    data: ConsumerData,
  ) {
    this.consumeType = data.consumeType;
    this.messageModel = data.messageModel;
    this.consumeFromWhere = data.consumeFromWhere;
  }

  /** Adds or refreshes a member; true when the membership changed (new connection or new clientID). */
  updateChannel(channel: ClientChannel, data: ConsumerData): boolean {
    this.consumeType = data.consumeType;
    this.messageModel = data.messageModel;
    this.consumeFromWhere = data.consumeFromWhere;
    const existing = this.channels.get(channel.connection.id);
    if (existing !== undefined && existing.clientId === channel.clientId) {
      existing.lastUpdateMs = channel.lastUpdateMs;
      return false;
    }
    this.channels.set(channel.connection.id, channel);
    return true;
  }

  /**
   * Replaces the subscription set; true when a topic was added or removed or a subscription got a
   * newer subVersion. An older subVersion is ignored (a stale heartbeat overtaken by a newer one).
   */
  updateSubscriptions(subscriptions: readonly SubscriptionData[]): boolean {
    let changed = false;
    const reported = new Set<string>();
    for (const subscription of subscriptions) {
      reported.add(subscription.topic);
      const existing = this.subscriptions.get(subscription.topic);
      if (existing === undefined || subscription.subVersion > existing.subVersion) {
        changed ||= existing === undefined || existing.subString !== subscription.subString;
        this.subscriptions.set(subscription.topic, subscription);
      }
    }
    for (const topic of [...this.subscriptions.keys()]) {
      if (reported.has(topic)) continue;
      this.subscriptions.delete(topic);
      changed = true;
    }
    return changed;
  }

  /** Client IDs of the live members, in registration order (clients sort them themselves). */
  clientIds(): string[] {
    return [...this.channels.values()].map((channel) => channel.clientId);
  }
}
