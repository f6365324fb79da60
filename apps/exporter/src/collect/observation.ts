import type { ConsumeStats, TopicStatsTable } from '@rocketmq-ts/protocol';

/**
 * What one collection round saw, before any metric is derived: plain data, so the derivation is
 * a pure function that specs feed by hand.
 */
export interface BrokerIdentity {
  readonly cluster: string;
  readonly brokerName: string;
  /** 0 = master. */
  readonly brokerId: number;
  readonly address: string;
}

export interface GroupObservation {
  readonly group: string;
  readonly consumerIds: readonly string[];
  readonly stats: ConsumeStats;
  /** Store time of the first message, for lagging queues whose group never consumed past it; key `topic\u0000queueId`. */
  readonly earliestStoreTimeMs: ReadonlyMap<string, number>;
}

export interface BrokerObservation {
  readonly identity: BrokerIdentity;
  /** False when GET_BROKER_RUNTIME_INFO failed: nothing else is reported for it. */
  readonly up: boolean;
  readonly runtime: ReadonlyMap<string, string>;
  /** Masters only; slaves serve no topic or group figures of their own. */
  readonly topics: ReadonlyMap<string, TopicStatsTable>;
  readonly groups: readonly GroupObservation[];
}

export interface NamesrvObservation {
  readonly address: string;
  readonly up: boolean;
}

export interface RoundObservation {
  /** When the round started, ms since the epoch: the time rates and store-time lags are measured against. */
  readonly startedAtMs: number;
  readonly durationMs: number;
  readonly namesrvs: readonly NamesrvObservation[];
  readonly brokers: readonly BrokerObservation[];
}

export function queueKey(topic: string, queueId: number): string {
  return `${topic}\u0000${queueId}`;
}
