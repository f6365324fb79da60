import { type Clock, type Logger, silentLogger, systemClock, type Timers } from '@rocketmq-ts/base';
import { hasOnlyValidNameChars } from '@rocketmq-ts/model';

import type { ClientSecurityOptions } from '../core/client-security';
import { MQClientError } from '../errors';
import { allocateStrategyByName } from './allocate/allocate-strategy-by-name';
import type { AllocateStrategy } from './allocate/allocate-strategy';
import {
  CONSUMER_DEFAULTS,
  type ConsumeFromWhere,
  type ConsumerBaseOptions,
  defaultOffsetStoreDir,
  type MessageModel,
  parseConsumeTimestamp,
  requirePositiveInt,
  splitNamesrvAddr,
} from './consumer-options';

/** ConsumerBaseOptions with every default applied and checked. */
export interface ConsumerBaseSettings {
  readonly namesrvAddrs: readonly string[];
  readonly consumerGroup: string;
  readonly messageModel: MessageModel;
  readonly consumeFromWhere: ConsumeFromWhere;
  readonly consumeTimestamp: number;
  readonly allocateStrategy: AllocateStrategy;
  readonly pullBatchSize: number;
  readonly instanceName: string | undefined;
  readonly offsetStoreDir: string;
  readonly postSubscriptionWhenPull: boolean;
  readonly requestTimeoutMs: number;
  readonly heartbeatIntervalMs: number;
  readonly routeRefreshIntervalMs: number;
  readonly rebalanceIntervalMs: number;
  readonly persistConsumerOffsetIntervalMs: number;
  readonly pullDelayOnErrorMs: number;
  readonly logger: Logger;
  readonly security: ClientSecurityOptions;
  readonly clock: Clock;
  readonly timers: Timers;
}

export function resolveBaseSettings(options: ConsumerBaseOptions, component: string): ConsumerBaseSettings {
  const group = options.consumerGroup;
  if (group.length === 0 || !hasOnlyValidNameChars(group)) {
    throw new MQClientError(`consumerGroup ${JSON.stringify(group)} must be non-empty and use only [%|a-zA-Z0-9_-]`, { retriable: false });
  }
  const strategy = options.allocateStrategy ?? 'AVG';
  return {
    namesrvAddrs: splitNamesrvAddr(options.namesrvAddr),
    security: { credentials: options.credentials, tls: options.tls },
    consumerGroup: group,
    messageModel: options.messageModel ?? CONSUMER_DEFAULTS.messageModel,
    consumeFromWhere: options.consumeFromWhere ?? CONSUMER_DEFAULTS.consumeFromWhere,
    consumeTimestamp: parseConsumeTimestamp(options.consumeTimestamp, (options.clock ?? systemClock).nowMs()),
    allocateStrategy: typeof strategy === 'string' ? allocateStrategyByName(strategy) : strategy,
    pullBatchSize: requirePositiveInt('pullBatchSize', options.pullBatchSize ?? CONSUMER_DEFAULTS.pullBatchSize),
    instanceName: options.instanceName,
    offsetStoreDir: options.offsetStoreDir ?? defaultOffsetStoreDir(),
    postSubscriptionWhenPull: options.postSubscriptionWhenPull ?? false,
    requestTimeoutMs: requirePositiveInt('requestTimeoutMs', options.requestTimeoutMs ?? CONSUMER_DEFAULTS.requestTimeoutMs),
    heartbeatIntervalMs: requirePositiveInt('heartbeatIntervalMs', options.heartbeatIntervalMs ?? CONSUMER_DEFAULTS.heartbeatIntervalMs),
    routeRefreshIntervalMs: requirePositiveInt(
      'routeRefreshIntervalMs',
      options.routeRefreshIntervalMs ?? CONSUMER_DEFAULTS.routeRefreshIntervalMs,
    ),
    rebalanceIntervalMs: requirePositiveInt('rebalanceIntervalMs', options.rebalanceIntervalMs ?? CONSUMER_DEFAULTS.rebalanceIntervalMs),
    persistConsumerOffsetIntervalMs: requirePositiveInt(
      'persistConsumerOffsetIntervalMs',
      options.persistConsumerOffsetIntervalMs ?? CONSUMER_DEFAULTS.persistConsumerOffsetIntervalMs,
    ),
    pullDelayOnErrorMs: requirePositiveInt('pullDelayOnErrorMs', options.pullDelayOnErrorMs ?? CONSUMER_DEFAULTS.pullDelayOnErrorMs),
    logger: (options.logger ?? silentLogger).child({ component, consumerGroup: group }),
    clock: options.clock ?? systemClock,
    timers: options.timers ?? systemClock,
  };
}
