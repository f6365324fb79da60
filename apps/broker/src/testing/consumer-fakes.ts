import { createTopicConfig, type TopicConfig } from '@rocketmq-ts/model';
import type { RemotingCommand } from '@rocketmq-ts/protocol';
import type { ConnectionContext } from '@rocketmq-ts/remoting';

import {
  type ConsumerGroupView,
  type ConsumerSubscription,
  ConsumerSubscriptions,
  type ConsumerTopicSpec,
  type GroupSettings,
  SubscriptionGroups,
  TopicConfigs,
} from '../consumer/consumer.ports';

/** Hand-written fakes of the consumer-side ports, for processor specs. */
export class FakeTopicConfigs extends TopicConfigs {
  readonly table = new Map<string, TopicConfig>();

  add(topic: string, overrides: Partial<Omit<TopicConfig, 'topicName'>> = {}): TopicConfig {
    const config = createTopicConfig(topic, { readQueueNums: 4, writeQueueNums: 4, ...overrides });
    this.table.set(topic, config);
    return config;
  }

  selectTopicConfig(topic: string): TopicConfig | undefined {
    return this.table.get(topic);
  }

  createTopicInSendMessageBackMethod(topic: string, spec: ConsumerTopicSpec): TopicConfig {
    return (
      this.table.get(topic) ??
      this.add(topic, { readQueueNums: spec.queueNums, writeQueueNums: spec.queueNums, perm: spec.perm, topicSysFlag: spec.topicSysFlag })
    );
  }
}

export class FakeSubscriptionGroups extends SubscriptionGroups {
  readonly table = new Map<string, GroupSettings>();
  autoCreate = true;

  findSubscriptionGroup(group: string): GroupSettings | undefined {
    const existing = this.table.get(group);
    if (existing !== undefined || !this.autoCreate) return existing;
    const created = { groupName: group, consumeEnable: true, consumeBroadcastEnable: true, retryMaxTimes: 16, retryQueueNums: 1 };
    this.table.set(group, created);
    return created;
  }
}

export class FakeConsumerSubscriptions extends ConsumerSubscriptions {
  readonly groups = new Map<string, { messageModel: 'CLUSTERING' | 'BROADCASTING'; subscriptions: Map<string, ConsumerSubscription> }>();

  register(
    group: string,
    topic: string,
    subString = '*',
    subVersion = 1n,
    messageModel: 'CLUSTERING' | 'BROADCASTING' = 'CLUSTERING',
  ): void {
    const entry = this.groups.get(group) ?? { messageModel, subscriptions: new Map<string, ConsumerSubscription>() };
    entry.subscriptions.set(topic, { topic, subString, expressionType: 'TAG', tagsSet: [], codeSet: [], subVersion });
    this.groups.set(group, entry);
  }

  findConsumerGroup(group: string): ConsumerGroupView | undefined {
    const entry = this.groups.get(group);
    if (entry === undefined) return undefined;
    return { messageModel: entry.messageModel, findSubscription: (topic) => entry.subscriptions.get(topic) };
  }
}

/** A connection context that records nothing and can be closed by the spec. */
export class FakeConnection implements ConnectionContext {
  private static nextId = 1;
  readonly id = FakeConnection.nextId++;
  readonly remoteAddress = '127.0.0.1:50000';
  closed = false;
  private readonly closeListeners = new Set<(context: ConnectionContext) => void>();

  invoke(_request: RemotingCommand): Promise<RemotingCommand> {
    return Promise.reject(new Error('FakeConnection does not send requests'));
  }

  invokeOneway(): void {
    // one-way sends to the client are not observed by these specs
  }

  onClose(listener: (context: ConnectionContext) => void): () => void {
    if (this.closed) {
      listener(this);
      return () => undefined;
    }
    this.closeListeners.add(listener);
    return () => this.closeListeners.delete(listener);
  }

  close(): void {
    this.closed = true;
    for (const listener of this.closeListeners) listener(this);
    this.closeListeners.clear();
  }
}
