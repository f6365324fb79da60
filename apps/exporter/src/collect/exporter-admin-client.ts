import {
  ClusterInfo,
  ConsumeStats,
  createRequest,
  type ExtFields,
  GetConsumeStatsRequestHeader,
  GetConsumerListByGroupRequestHeader,
  GetConsumerListByGroupResponseBody,
  GetEarliestMsgStoretimeResponseHeader,
  GetTopicStatsInfoRequestHeader,
  KVTable,
  type RemotingCommand,
  RequestCode,
  ResponseCode,
  SubscriptionGroupWrapper,
  TopicConfigSerializeWrapper,
  TopicQueueRequestHeader,
  TopicStatsTable,
} from '@rocketmq-ts/protocol';
import type { RemotingClient } from '@rocketmq-ts/remoting';

import { AdminRequestError } from './admin-request-error';
import type { ConcurrencyLimiter } from './concurrency-limiter';

export type AdminTarget = 'namesrv' | 'broker';

export interface ExporterAdminClientOptions {
  readonly remoting: RemotingClient;
  readonly limiter: ConcurrencyLimiter;
  readonly timeoutMs: number;
  /** Called once per failed request (timeout, connection refused, error reply), for the errors counter. */
  readonly onRequestFailed: (target: AdminTarget, request: string) => void;
}

/**
 * The admin requests the exporter needs, each bounded by the shared limiter and its own timeout.
 * TODO(dedup): once libs/client's MQAdmin offers these, use it instead; this is the exporter's
 * private copy of the few it needs (GET_BROKER_CLUSTER_INFO, GET_BROKER_RUNTIME_INFO,
 * GET_ALL_TOPIC_CONFIG, GET_TOPIC_STATS_INFO, GET_ALL_SUBSCRIPTIONGROUP_CONFIG, GET_CONSUME_STATS,
 * GET_CONSUMER_LIST_BY_GROUP, GET_EARLIEST_MSG_STORETIME).
 */
export class ExporterAdminClient {
  constructor(private readonly options: ExporterAdminClientOptions) {}

  async clusterInfo(namesrv: string): Promise<ClusterInfo> {
    const reply = await this.call('namesrv', namesrv, 'GET_BROKER_CLUSTER_INFO', RequestCode.GET_BROKER_CLUSTER_INFO);
    return ClusterInfo.decode(requireBody(reply));
  }

  /** The GET_BROKER_RUNTIME_INFO KVTable. */
  async runtimeInfo(broker: string): Promise<ReadonlyMap<string, string>> {
    const reply = await this.call('broker', broker, 'GET_BROKER_RUNTIME_INFO', RequestCode.GET_BROKER_RUNTIME_INFO);
    return KVTable.decode(requireBody(reply)).table;
  }

  /** Names of the topics this broker holds (GET_ALL_TOPIC_CONFIG: one request per broker instead of a route lookup per topic). */
  async topicNames(broker: string): Promise<string[]> {
    const reply = await this.call('broker', broker, 'GET_ALL_TOPIC_CONFIG', RequestCode.GET_ALL_TOPIC_CONFIG);
    return [...TopicConfigSerializeWrapper.decode(requireBody(reply)).topicConfigTable.keys()];
  }

  async topicStats(broker: string, topic: string): Promise<TopicStatsTable> {
    const reply = await this.call('broker', broker, 'GET_TOPIC_STATS_INFO', RequestCode.GET_TOPIC_STATS_INFO, GetTopicStatsInfoRequestHeader.encode({ topic }));
    return TopicStatsTable.decode(requireBody(reply));
  }

  async groupNames(broker: string): Promise<string[]> {
    const reply = await this.call('broker', broker, 'GET_ALL_SUBSCRIPTIONGROUP_CONFIG', RequestCode.GET_ALL_SUBSCRIPTIONGROUP_CONFIG);
    return [...SubscriptionGroupWrapper.decode(requireBody(reply)).subscriptionGroupTable.keys()];
  }

  /** Every topic the group has offsets for on this broker, in one request (no topic in the header). */
  async consumeStats(broker: string, consumerGroup: string): Promise<ConsumeStats> {
    const reply = await this.call('broker', broker, 'GET_CONSUME_STATS', RequestCode.GET_CONSUME_STATS, GetConsumeStatsRequestHeader.encode({ consumerGroup }));
    return ConsumeStats.decode(requireBody(reply));
  }

  /** Client ids of the group's live members; an offline group answers an error, reported here as none. */
  async consumerIds(broker: string, consumerGroup: string): Promise<readonly string[]> {
    const request = createRequest(RequestCode.GET_CONSUMER_LIST_BY_GROUP, { extFields: GetConsumerListByGroupRequestHeader.encode({ consumerGroup }) });
    const reply = await this.invoke('broker', broker, 'GET_CONSUMER_LIST_BY_GROUP', request);
    if (reply.code !== ResponseCode.SUCCESS || reply.body === undefined) return [];
    return GetConsumerListByGroupResponseBody.decode(reply.body).consumerIdList;
  }

  /** Store time (ms) of the first message of a queue. */
  async earliestStoreTime(broker: string, topic: string, queueId: number): Promise<number> {
    const reply = await this.call('broker', broker, 'GET_EARLIEST_MSG_STORETIME', RequestCode.GET_EARLIEST_MSG_STORETIME, TopicQueueRequestHeader.encode({ topic, queueId }));
    return GetEarliestMsgStoretimeResponseHeader.decode(reply.extFields).timestamp;
  }

  private async call(target: AdminTarget, address: string, name: string, code: number, extFields?: ExtFields): Promise<RemotingCommand> {
    const reply = await this.invoke(target, address, name, createRequest(code, { extFields }));
    if (reply.code !== ResponseCode.SUCCESS) {
      this.options.onRequestFailed(target, name);
      throw new AdminRequestError(name, address, reply.code, reply.remark);
    }
    return reply;
  }

  private async invoke(target: AdminTarget, address: string, name: string, request: RemotingCommand): Promise<RemotingCommand> {
    try {
      return await this.options.limiter.run(() => this.options.remoting.invoke(address, request, this.options.timeoutMs));
    } catch (error) {
      this.options.onRequestFailed(target, name);
      throw error;
    }
  }
}

function requireBody(reply: RemotingCommand): Buffer {
  if (reply.body === undefined) throw new Error(`reply to code ${reply.code} has no body`);
  return reply.body;
}
