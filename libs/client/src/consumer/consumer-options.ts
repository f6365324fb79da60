import { homedir } from 'node:os';
import { join } from 'node:path';

import { type Clock, type Logger, splitAddressList, type Timers } from '@rocketmq-ts/base';

import type { ClientSecurityOptions } from '../core/client-security';
import type { TraceOptions } from '../trace/trace-options';
import { MQClientError } from '../errors';
import type { AllocateStrategy, AllocateStrategyName } from './allocate/allocate-strategy';

export type MessageModel = 'CLUSTERING' | 'BROADCASTING';
export type ConsumeFromWhere = 'CONSUME_FROM_LAST_OFFSET' | 'CONSUME_FROM_FIRST_OFFSET' | 'CONSUME_FROM_TIMESTAMP';

/** Settings every consumer shares (Java's ClientConfig plus the consumer basics). */
export interface ConsumerBaseOptions extends ClientSecurityOptions {
  /** One `host:port` or several; a `;`-separated string is split as Java splits it. */
  readonly namesrvAddr: string | readonly string[];
  readonly consumerGroup: string;
  readonly messageModel?: MessageModel;
  /** Where a group with no stored offset starts (Java's ConsumeFromWhere). */
  readonly consumeFromWhere?: ConsumeFromWhere;
  /** CONSUME_FROM_TIMESTAMP: epoch ms, a Date, or Java's `yyyyMMddHHmmss` (local time). Default: half an hour ago. */
  readonly consumeTimestamp?: number | Date | string;
  readonly allocateStrategy?: AllocateStrategy | AllocateStrategyName;
  /** Messages asked for per pull (Java: pullBatchSize 32). */
  readonly pullBatchSize?: number;
  /** Makes the client id `ip@instanceName`, stable across restarts (broadcast offsets are kept per client id). */
  readonly instanceName?: string;
  /** Broadcast offsets live under `<offsetStoreDir>/<clientId>/<group>/offsets.json`. Default ~/.rocketmq_offsets. */
  readonly offsetStoreDir?: string;
  /** Send the subscription with every pull instead of relying on the heartbeat's (ali-ons does). */
  readonly postSubscriptionWhenPull?: boolean;
  readonly requestTimeoutMs?: number;
  readonly heartbeatIntervalMs?: number;
  readonly routeRefreshIntervalMs?: number;
  readonly rebalanceIntervalMs?: number;
  readonly persistConsumerOffsetIntervalMs?: number;
  /** Pause before pulling a queue again after an error (Java: pullTimeDelayMillsWhenException). */
  readonly pullDelayOnErrorMs?: number;
  readonly logger?: Logger;
  /** Subscription versions, the consume-from timestamp and lock ages (docs/time.md#clock-and-timers). Default: the system clock. */
  readonly clock?: Clock;
  /** Where heartbeats, rebalances, offset persistence and pull back-offs are scheduled. Default: real timers. */
  readonly timers?: Timers;
}

export interface PushConsumerOptions extends ConsumerBaseOptions, TraceOptions {
  /** Most handler calls running at once (Java: consumeThreadMax 20). */
  readonly consumeThreadMax?: number;
  /** Pulling a queue pauses while it holds this many unconsumed messages (Java: 1000). */
  readonly pullThresholdForQueue?: number;
  /** … or this many MiB of bodies (Java: 100). */
  readonly pullThresholdSizeForQueue?: number;
  /** Redeliveries before the DLQ; -1 = 16 for concurrent listeners, unlimited for orderly ones (Java). */
  readonly maxReconsumeTimes?: number;
  /** Orderly: pause of a queue whose listener asked to suspend (Java: 1000 ms). */
  readonly suspendCurrentQueueTimeMillis?: number;
  /** Concurrent: delay before a message whose send-back failed is consumed again here (Java: 5000 ms). */
  readonly consumeLaterDelayMs?: number;
  /** Orderly: how often queue locks are renewed (Java: 20 s; the broker keeps a lock 60 s). */
  readonly lockRenewIntervalMs?: number;
  /** shutdown() waits this long for listener calls in progress before committing offsets. */
  readonly awaitTerminationMillisWhenShutdown?: number;
}

/** Java's defaults, named once. */
export const CONSUMER_DEFAULTS = {
  messageModel: 'CLUSTERING',
  consumeFromWhere: 'CONSUME_FROM_LAST_OFFSET',
  pullBatchSize: 32,
  requestTimeoutMs: 3_000,
  heartbeatIntervalMs: 30_000,
  routeRefreshIntervalMs: 30_000,
  rebalanceIntervalMs: 20_000,
  persistConsumerOffsetIntervalMs: 5_000,
  pullDelayOnErrorMs: 3_000,
  consumeThreadMax: 20,
  pullThresholdForQueue: 1_000,
  pullThresholdSizeForQueue: 100,
  suspendCurrentQueueTimeMillis: 1_000,
  consumeLaterDelayMs: 5_000,
  lockRenewIntervalMs: 20_000,
  awaitTerminationMillisWhenShutdown: 10_000,
  /** Java's consumeTimestamp default: half an hour before start. */
  consumeTimestampBackMs: 30 * 60_000,
  /** Java's DEFAULT_MAX_RECONSUME_TIMES for concurrent consumption. */
  maxReconsumeTimesConcurrently: 16,
} as const;

export function defaultOffsetStoreDir(): string {
  return process.env['rocketmq.client.localOffsetStoreDir'] ?? join(homedir(), '.rocketmq_offsets');
}

export function splitNamesrvAddr(namesrvAddr: string | readonly string[]): string[] {
  const addrs = splitAddressList(namesrvAddr);
  if (addrs.length === 0) throw new MQClientError('namesrvAddr is empty', { retriable: false });
  return addrs;
}

/** Epoch ms of a consumeTimestamp option; strings are Java's `yyyyMMddHHmmss` in local time. */
export function parseConsumeTimestamp(value: number | Date | string | undefined, nowMs: number): number {
  if (value === undefined) return nowMs - CONSUMER_DEFAULTS.consumeTimestampBackMs;
  if (typeof value === 'number') return value;
  if (value instanceof Date) return value.getTime();
  const match = /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})$/.exec(value);
  if (!match) throw new MQClientError(`consumeTimestamp ${value} is not yyyyMMddHHmmss`, { retriable: false });
  const [year, month, day, hour, minute, second] = match.slice(1).map(Number) as [number, number, number, number, number, number];
  return new Date(year, month - 1, day, hour, minute, second).getTime();
}

export function requirePositiveInt(name: string, value: number): number {
  if (!Number.isInteger(value) || value <= 0)
    throw new MQClientError(`${name} must be a positive integer, got ${value}`, { retriable: false });
  return value;
}
