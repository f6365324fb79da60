import type { DataVersion } from '@rocketmq-ts/protocol';

/**
 * The namesrv's route tables, in RocketMQ's nouns. These are state, not wire bodies: processors
 * turn them into TopicRouteData / ClusterInfo / TopicList with the protocol lib's encoders.
 */

/** One broker group (a master and its slaves) as routes show it. brokerAddrs: brokerId → ip:port. */
export interface BrokerData {
  readonly cluster: string;
  readonly brokerName: string;
  readonly brokerAddrs: Map<number, string>;
  enableActingMaster: boolean;
  zoneName: string | undefined;
}

/** A topic's queues on one broker group. */
export interface QueueData {
  readonly brokerName: string;
  readonly readQueueNums: number;
  readonly writeQueueNums: number;
  readonly perm: number;
  readonly topicSysFlag: number;
}

/** What a register body says about one topic (from its TopicConfig). */
export interface TopicQueueSettings {
  readonly readQueueNums: number;
  readonly writeQueueNums: number;
  readonly perm: number;
  readonly topicSysFlag: number;
}

/** Liveness of one broker address, refreshed by REGISTER_BROKER, QUERY_DATA_VERSION and BROKER_HEARTBEAT. */
export interface BrokerLiveInfo {
  readonly clusterName: string;
  readonly brokerAddr: string;
  lastUpdateTimestampMs: number;
  readonly heartbeatTimeoutMs: number;
  readonly dataVersion: DataVersion;
  /** Remoting connection the broker registered over; its close unregisters the broker. */
  readonly connectionId: number | undefined;
  readonly haServerAddr: string;
}

export interface RegisterBrokerInput {
  readonly clusterName: string;
  readonly brokerAddr: string;
  readonly brokerName: string;
  readonly brokerId: number;
  readonly haServerAddr: string;
  readonly zoneName?: string;
  /** From the header; absent means the 120 s default. */
  readonly heartbeatTimeoutMs?: number;
  /** Absent for brokers older than 5.0, which know nothing of acting masters. */
  readonly enableActingMaster?: boolean;
  readonly dataVersion: DataVersion;
  readonly topicConfigTable: ReadonlyMap<string, TopicQueueSettings>;
  readonly connectionId: number | undefined;
}

export type RegisterBrokerOutcome =
  | { readonly kind: 'registered'; readonly masterAddr: string | undefined; readonly haServerAddr: string | undefined }
  /** Another address holds this brokerId with a newer stateVersion: nothing changed, answered SUCCESS as Java does. */
  | { readonly kind: 'stale'; readonly reason: string }
  /** A one-topic register from a broker not yet registered: answered SYSTEM_ERROR. */
  | { readonly kind: 'refused'; readonly reason: string };

export interface UnregisterBrokerInput {
  readonly clusterName: string;
  readonly brokerAddr: string;
  readonly brokerName: string;
  readonly brokerId: number;
}

/** A topic's route: the answer to GET_ROUTEINFO_BY_TOPIC before encoding. */
export interface TopicRoute {
  readonly queueDatas: readonly QueueData[];
  readonly brokerDatas: readonly BrokerData[];
}

export interface ClusterInfoView {
  readonly brokerAddrTable: ReadonlyMap<string, BrokerData>;
  readonly clusterAddrTable: ReadonlyMap<string, ReadonlySet<string>>;
}

export interface BrokerMemberGroup {
  readonly cluster: string;
  readonly brokerName: string;
  readonly brokerAddrs: ReadonlyMap<number, string>;
}

export const MASTER_BROKER_ID = 0;
/** Java's DEFAULT_BROKER_CHANNEL_EXPIRED_TIME: a broker silent this long is dropped. */
export const DEFAULT_BROKER_HEARTBEAT_TIMEOUT_MS = 120_000;
