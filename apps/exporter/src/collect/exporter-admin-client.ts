import type { Logger } from '@rocketmq-ts/base';
import { MQAdmin, MQBrokerError } from '@rocketmq-ts/client';
import type { AclCredentials, ClusterInfo, ConsumeStats, TopicStatsTable } from '@rocketmq-ts/protocol';

import type { ConcurrencyLimiter } from './concurrency-limiter';

export type AdminTarget = 'namesrv' | 'broker';

export interface ExporterAdminClientOptions {
  /** Every name server the exporter watches (each is asked on its own, never failed over). */
  readonly namesrvAddrs: readonly string[];
  readonly limiter: ConcurrencyLimiter;
  /** Per request, and per connection attempt. */
  readonly timeoutMs: number;
  readonly logger: Logger;
  /** Called once per failed request (timeout, connection refused, error reply), for the errors counter. */
  readonly onRequestFailed: (target: AdminTarget, request: string) => void;
  /** ACL 1.0 credentials every request is signed with. */
  readonly credentials?: AclCredentials;
}

/**
 * The admin requests a collection round makes, through MQAdmin, each one taking a slot of the
 * shared limiter and counted by its request code when it fails. Owns the MQAdmin: `close()` rejects
 * whatever is still pending, so a round against a hung broker ends at once.
 */
export class ExporterAdminClient {
  private readonly admin: MQAdmin;

  constructor(private readonly options: ExporterAdminClientOptions) {
    this.admin = new MQAdmin({
      namesrvAddr: options.namesrvAddrs,
      requestTimeoutMs: options.timeoutMs,
      connectTimeoutMs: options.timeoutMs,
      logger: options.logger,
      ...(options.credentials ? { credentials: options.credentials } : {}),
    });
  }

  clusterInfo(namesrv: string): Promise<ClusterInfo> {
    return this.request('namesrv', 'GET_BROKER_CLUSTER_INFO', () => this.admin.clusterInfo(namesrv));
  }

  /** The GET_BROKER_RUNTIME_INFO KVTable. */
  runtimeInfo(broker: string): Promise<ReadonlyMap<string, string>> {
    return this.request('broker', 'GET_BROKER_RUNTIME_INFO', () => this.admin.brokerRuntimeInfo(broker));
  }

  /** Names of the topics this broker holds (GET_ALL_TOPIC_CONFIG: one request per broker instead of a route lookup per topic). */
  async topicNames(broker: string): Promise<string[]> {
    return [...(await this.request('broker', 'GET_ALL_TOPIC_CONFIG', () => this.admin.brokerTopicConfigs(broker))).keys()];
  }

  topicStats(broker: string, topic: string): Promise<TopicStatsTable> {
    return this.request('broker', 'GET_TOPIC_STATS_INFO', () => this.admin.brokerTopicStats(broker, topic));
  }

  async groupNames(broker: string): Promise<string[]> {
    return [
      ...(await this.request('broker', 'GET_ALL_SUBSCRIPTIONGROUP_CONFIG', () => this.admin.brokerSubscriptionGroups(broker))).keys(),
    ];
  }

  /** Every topic the group has offsets for on this broker, in one request (no topic in the header). */
  consumeStats(broker: string, consumerGroup: string): Promise<ConsumeStats> {
    return this.request('broker', 'GET_CONSUME_STATS', () => this.admin.brokerConsumeStats(broker, consumerGroup));
  }

  /** Client ids of the group's live members; an offline group is refused by the broker, reported here as none and not as a failure. */
  async consumerIds(broker: string, consumerGroup: string): Promise<readonly string[]> {
    try {
      return await this.options.limiter.run(() => this.admin.brokerConsumerIds(broker, consumerGroup));
    } catch (error) {
      if (error instanceof MQBrokerError) return [];
      this.options.onRequestFailed('broker', 'GET_CONSUMER_LIST_BY_GROUP');
      throw error;
    }
  }

  /** Store time (ms) of the first message of a queue. */
  earliestStoreTime(broker: string, topic: string, queueId: number): Promise<number> {
    return this.request('broker', 'GET_EARLIEST_MSG_STORETIME', () => this.admin.earliestMsgStoreTime(broker, topic, queueId));
  }

  close(): Promise<void> {
    return this.admin.close();
  }

  private async request<T>(target: AdminTarget, name: string, call: () => Promise<T>): Promise<T> {
    try {
      return await this.options.limiter.run(call);
    } catch (error) {
      this.options.onRequestFailed(target, name);
      throw error;
    }
  }
}
