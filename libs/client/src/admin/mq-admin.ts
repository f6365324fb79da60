import type { MessageQueue, TopicConfig } from '@rocketmq-ts/model';
import type {
  BrokerReplicasInfo,
  ClusterInfo,
  ConsumerConnection,
  EpochEntryCache,
  GetMetaDataResponseHeader,
  ConsumeStats,
  ProducerConnection,
  SubscriptionGroupConfig,
  TopicRouteData,
  TopicStatsTable,
} from '@rocketmq-ts/protocol';

import type { MessageExt } from '../consumer/message-ext';
import type { SendResult } from '../producer/send-result';
import { AdminTransport, type MQAdminOptions } from './admin-transport';
import {
  brokerConsumeStats,
  brokerConsumerIds,
  brokerSubscriptionGroups,
  brokerTopicConfigs,
  brokerTopicStats,
  earliestMsgStoreTime,
} from './broker-queries';
import { type BrokerTarget, brokerRuntimeInfo, clusterInfo, type ClusterBrokerStatus, clusterOverview } from './cluster-queries';
import * as controller from './controller-queries';
import {
  type ConsumerProgress,
  consumerConnection,
  consumerProgress,
  deleteSubscriptionGroup,
  producerConnection,
  subscriptionGroupOf,
  updateSubscriptionGroup,
} from './group-queries';
import { type ConsumeMessagesRequest, consumeMessages, queryMessageByOffset } from './message-pull';
import { type KeyQuery, queryMessageByKey, viewMessageById } from './message-queries';
import { brokerConfig, deleteKvConfig, kvList, putKvConfig, updateBrokerConfig } from './config-queries';
import { resendToGroup } from './message-resend';
import { type AdminSendContext, type AdminSendRequest, sendAdminMessage } from './message-send';
import { queryMessageTrace, type TraceView } from './message-trace';
import { topicConsumerGroups } from './topic-consumers';
import { type QueueOffset, type ResetOffsetRequest, resetOffsetByTime } from './reset-offset';
import {
  createOrUpdateTopic,
  deleteTopic,
  type TopicSettings,
  type TopicStatus,
  topicList,
  topicRoute,
  topicStatus,
} from './topic-queries';

/**
 * A typed admin client, what `mqadmin` and dashboards need (Java's DefaultMQAdminExt): cluster,
 * topic, group, offset and message queries over the classic protocol. Name server calls fail over
 * to the next name server. No start(): connections open on first use; close() releases them.
 *
 *   const admin = new MQAdmin({ namesrvAddr: '127.0.0.1:9876' });
 *   const progress = await admin.consumerProgress('G');
 *   await admin.close();
 *
 * Failures: NoRouteError / MQAdminNotFoundError (nothing there), MQBrokerError (a server refused),
 * and MQClientError caused by a RemotingError (unreachable); `classifyAdminError` sorts them.
 */
export class MQAdmin {
  private readonly transport: AdminTransport;

  constructor(options: MQAdminOptions) {
    this.transport = new AdminTransport(options);
  }

  get namesrvAddrs(): readonly string[] {
    return this.transport.namesrvAddrs;
  }

  /** From the first name server that answers; from `namesrvAddr` only when given (no failover). */
  clusterInfo(namesrvAddr?: string): Promise<ClusterInfo> {
    return clusterInfo(this.transport, namesrvAddr);
  }

  /** Every broker (of one cluster) with its runtime figures, as `mqadmin clusterList` prints them. */
  clusterList(clusterName?: string): Promise<ClusterBrokerStatus[]> {
    return clusterOverview(this.transport, clusterName);
  }

  brokerRuntimeInfo(brokerAddr: string): Promise<ReadonlyMap<string, string>> {
    return brokerRuntimeInfo(this.transport, brokerAddr);
  }

  topicList(): Promise<string[]> {
    return topicList(this.transport);
  }

  topicRoute(topic: string): Promise<TopicRouteData> {
    return topicRoute(this.transport, topic);
  }

  topicStatus(topic: string): Promise<TopicStatus> {
    return topicStatus(this.transport, topic);
  }

  /** Returns the broker addresses written. */
  createOrUpdateTopic(settings: TopicSettings, target: BrokerTarget): Promise<string[]> {
    return createOrUpdateTopic(this.transport, settings, target);
  }

  deleteTopic(topic: string, clusterName: string): Promise<string[]> {
    return deleteTopic(this.transport, topic, clusterName);
  }

  updateSubscriptionGroup(config: SubscriptionGroupConfig, target: BrokerTarget): Promise<string[]> {
    return updateSubscriptionGroup(this.transport, config, target);
  }

  /** The group's config as one broker holds it; undefined when that broker has none. */
  subscriptionGroup(brokerAddr: string, group: string): Promise<SubscriptionGroupConfig | undefined> {
    return subscriptionGroupOf(this.transport, brokerAddr, group);
  }

  deleteSubscriptionGroup(group: string, target: BrokerTarget, cleanOffset = false): Promise<string[]> {
    return deleteSubscriptionGroup(this.transport, group, target, cleanOffset);
  }

  consumerProgress(group: string, topic?: string): Promise<ConsumerProgress> {
    return consumerProgress(this.transport, group, topic);
  }

  consumerConnection(group: string, brokerAddr?: string): Promise<ConsumerConnection> {
    return consumerConnection(this.transport, group, brokerAddr);
  }

  producerConnection(group: string, topic: string): Promise<ProducerConnection> {
    return producerConnection(this.transport, group, topic);
  }

  /** By offsetMsgId, or by the producer's UNIQ_KEY when `topic` is given. */
  viewMessage(msgId: string, topic?: string): Promise<MessageExt[]> {
    return viewMessageById(this.transport, msgId, topic);
  }

  queryMessageByKey(query: KeyQuery): Promise<MessageExt[]> {
    return queryMessageByKey(this.transport, query);
  }

  /** queryMsgTraceById: the send and consume steps trace-enabled clients recorded for `msgId`. */
  queryMessageTrace(msgId: string, traceTopic?: string, maxNum?: number): Promise<TraceView[]> {
    return queryMessageTrace(this.transport, msgId, traceTopic, maxNum);
  }

  queryMessageByOffset(queue: MessageQueue, offset: number): Promise<MessageExt> {
    return queryMessageByOffset(this.transport, queue, offset);
  }

  consumeMessages(request: ConsumeMessagesRequest): Promise<MessageExt[]> {
    return consumeMessages(this.transport, request);
  }

  sendMessage(request: AdminSendRequest): Promise<SendResult> {
    return sendAdminMessage(this.sendContext(), request);
  }

  /** Produces `message` again to `group`'s %RETRY% topic only (see message-resend.ts). */
  resendToGroup(message: MessageExt, group: string): Promise<SendResult> {
    return resendToGroup(this.sendContext(), message, group);
  }

  /** The consumer groups that subscribe to or hold offsets for `topic` (QUERY_TOPIC_CONSUME_BY_WHO). */
  topicConsumerGroups(topic: string): Promise<string[]> {
    return topicConsumerGroups(this.transport, topic);
  }

  brokerConfig(brokerAddr: string): Promise<ReadonlyMap<string, string>> {
    return brokerConfig(this.transport, brokerAddr);
  }

  updateBrokerConfig(brokerAddr: string, entries: ReadonlyMap<string, string>): Promise<void> {
    return updateBrokerConfig(this.transport, brokerAddr, entries);
  }

  /** The name server's KV config of one namespace; empty when it holds none. */
  kvList(namespace: string): Promise<ReadonlyMap<string, string>> {
    return kvList(this.transport, namespace);
  }

  putKvConfig(namespace: string, key: string, value: string): Promise<void> {
    return putKvConfig(this.transport, namespace, key, value);
  }

  deleteKvConfig(namespace: string, key: string): Promise<void> {
    return deleteKvConfig(this.transport, namespace, key);
  }

  private sendContext(): AdminSendContext {
    return { namesrvAddrs: this.transport.namesrvAddrs, timeoutMs: this.transport.timeoutMs, logger: this.transport.logger };
  }

  resetOffsetByTime(request: ResetOffsetRequest): Promise<QueueOffset[]> {
    return resetOffsetByTime(this.transport, request);
  }

  // Single requests to one broker, for tools that walk the brokers themselves.

  brokerTopicConfigs(brokerAddr: string): Promise<ReadonlyMap<string, TopicConfig>> {
    return brokerTopicConfigs(this.transport, brokerAddr);
  }

  brokerTopicStats(brokerAddr: string, topic: string): Promise<TopicStatsTable> {
    return brokerTopicStats(this.transport, brokerAddr, topic);
  }

  brokerSubscriptionGroups(brokerAddr: string): Promise<ReadonlyMap<string, SubscriptionGroupConfig>> {
    return brokerSubscriptionGroups(this.transport, brokerAddr);
  }

  /** Without `topic`, every topic the group has offsets for on that broker. */
  brokerConsumeStats(brokerAddr: string, group: string, topic?: string): Promise<ConsumeStats> {
    return brokerConsumeStats(this.transport, brokerAddr, group, topic);
  }

  /** MQBrokerError when the broker knows no live member of the group. */
  brokerConsumerIds(brokerAddr: string, group: string): Promise<readonly string[]> {
    return brokerConsumerIds(this.transport, brokerAddr, group);
  }

  /** Store time (ms) of the first message the queue still holds. */
  earliestMsgStoreTime(brokerAddr: string, topic: string, queueId: number): Promise<number> {
    return earliestMsgStoreTime(this.transport, brokerAddr, topic, queueId);
  }

  // Controller mode (docs/controller.md#codes): `controllerAddr` is any controller; leader-only calls find the leader first.

  controllerMetaData(controllerAddr: string): Promise<GetMetaDataResponseHeader> {
    return controller.controllerMetaData(this.transport, controllerAddr);
  }

  syncStateSet(controllerAddr: string, brokerNames: readonly string[]): Promise<BrokerReplicasInfo> {
    return controller.syncStateSet(this.transport, controllerAddr, brokerNames);
  }

  electMaster(controllerAddr: string, clusterName: string, brokerName: string, brokerId: number): Promise<controller.ElectMasterResult> {
    return controller.electMaster(this.transport, controllerAddr, { clusterName, brokerName, brokerId });
  }

  cleanBrokerMetadata(controllerAddr: string, request: Parameters<typeof controller.cleanBrokerMetadata>[2]): Promise<void> {
    return controller.cleanBrokerMetadata(this.transport, controllerAddr, request);
  }

  controllerConfig(controllerAddr: string): Promise<Map<string, string>> {
    return controller.controllerConfig(this.transport, controllerAddr);
  }

  updateControllerConfig(controllerAddr: string, key: string, value: string): Promise<void> {
    return controller.updateControllerConfig(this.transport, controllerAddr, key, value);
  }

  brokerEpochCache(brokerAddr: string): Promise<EpochEntryCache> {
    return controller.brokerEpochCache(this.transport, brokerAddr);
  }

  close(): Promise<void> {
    return this.transport.close();
  }
}
