import { type Logger, silentLogger } from '@rocketmq-ts/base';
import type { ConsumerData, SubscriptionData } from '@rocketmq-ts/protocol';

import { type ClientChannel, isExpired } from './client-channel';
import { ConsumerGroupInfo } from './consumer-group-info';

export type ConsumerGroupEvent = 'register' | 'unregister' | 'change' | 'expired' | 'closed';

/** Called when a group's membership changed; `members` are the channels still in it. */
export type ConsumerIdsChangeListener = (group: string, event: ConsumerGroupEvent, members: readonly ClientChannel[]) => void;

export interface RegisterConsumerResult {
  readonly membershipChanged: boolean;
  readonly subscriptionChanged: boolean;
}

/**
 * Consumer group → members and subscriptions (Java's ConsumerManager). Members come from
 * HEART_BEAT, leave by UNREGISTER_CLIENT, connection close, or silence past
 * channelExpiredTimeout (scanned by ClientHousekeeper). Every membership change is announced,
 * so the notifier can send NOTIFY_CONSUMER_IDS_CHANGED to the remaining members.
 *
 * Owner of the table; no method awaits. A group with no member left is removed.
 */
export class ConsumerManager {
  private readonly groups = new Map<string, ConsumerGroupInfo>();
  private readonly listeners: ConsumerIdsChangeListener[] = [];

  constructor(
    private readonly channelExpiredTimeoutMs: number,
    private readonly logger: Logger = silentLogger,
  ) {}

  onConsumerIdsChanged(listener: ConsumerIdsChangeListener): void {
    this.listeners.push(listener);
  }

  /**
   * Registers or refreshes a member. `withoutSub` (V2 heartbeat) keeps the stored subscriptions.
   * Announces membership changes and subscription changes ('register' / 'change').
   */
  registerConsumer(channel: ClientChannel, data: ConsumerData, withoutSub: boolean): RegisterConsumerResult {
    let info = this.groups.get(data.groupName);
    if (info === undefined) {
      info = new ConsumerGroupInfo(data.groupName, data);
      this.groups.set(data.groupName, info);
    }
    const membershipChanged = info.updateChannel(channel, data);
    const subscriptionChanged = withoutSub ? false : info.updateSubscriptions(data.subscriptionDataSet);
    if (membershipChanged) this.announce(info, 'register');
    else if (subscriptionChanged) this.announce(info, 'change');
    return { membershipChanged, subscriptionChanged };
  }

  unregisterConsumer(group: string, connectionId: number): boolean {
    const info = this.groups.get(group);
    if (info === undefined || !info.channels.delete(connectionId)) return false;
    this.dropIfEmpty(info);
    this.announce(info, 'unregister');
    return true;
  }

  /** Removes a closed connection from every group it was in. */
  doChannelCloseEvent(connectionId: number): void {
    for (const info of [...this.groups.values()]) {
      if (!info.channels.delete(connectionId)) continue;
      this.dropIfEmpty(info);
      this.announce(info, 'closed');
    }
  }

  /** Drops members silent for longer than channelExpiredTimeout; returns how many went. */
  scanNotActiveChannel(nowMs: number): number {
    let removed = 0;
    for (const info of [...this.groups.values()]) {
      let groupChanged = false;
      for (const [connectionId, channel] of info.channels) {
        if (!isExpired(channel, nowMs, this.channelExpiredTimeoutMs)) continue;
        info.channels.delete(connectionId);
        groupChanged = true;
        removed++;
        this.logger.info(
          { group: info.groupName, clientId: channel.clientId, remoteAddress: channel.connection.remoteAddress },
          'consumer channel expired',
        );
      }
      if (!groupChanged) continue;
      this.dropIfEmpty(info);
      this.announce(info, 'expired');
    }
    return removed;
  }

  getConsumerGroupInfo(group: string): ConsumerGroupInfo | undefined {
    return this.groups.get(group);
  }

  findSubscriptionData(group: string, topic: string): SubscriptionData | undefined {
    return this.groups.get(group)?.subscriptions.get(topic);
  }

  /** Client IDs of the group's live members; empty when the group is unknown. */
  consumerIds(group: string): string[] {
    return this.groups.get(group)?.clientIds() ?? [];
  }

  /** Groups with a live member subscribed to `topic` (QUERY_TOPIC_CONSUME_BY_WHO). */
  groupsSubscribing(topic: string): string[] {
    return [...this.groups.values()].filter((info) => info.subscriptions.has(topic)).map((info) => info.groupName);
  }

  get groupNames(): readonly string[] {
    return [...this.groups.keys()];
  }

  get channelCount(): number {
    let count = 0;
    for (const info of this.groups.values()) count += info.channels.size;
    return count;
  }

  private dropIfEmpty(info: ConsumerGroupInfo): void {
    if (info.channels.size === 0) this.groups.delete(info.groupName);
  }

  private announce(info: ConsumerGroupInfo, event: ConsumerGroupEvent): void {
    const members = [...info.channels.values()];
    for (const listener of this.listeners) listener(info.groupName, event, members);
  }
}
