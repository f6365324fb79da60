import type { Clock, Logger, Timers } from '@rocketmq-ts/base';
import type { MessageStore, StoreConfig } from '@rocketmq-ts/store';

import type { BrokerConfig } from './config/broker-config.schema';
import type { MessagePut } from './put/message-put-service';

/**
 * Injection tokens for values that are not classes. Managers (TopicConfigManager,
 * ConsumerManager, …) are classes and serve as their own tokens.
 */
export const BROKER_CONFIG = Symbol('BROKER_CONFIG');
export const BROKER_CLOCK = Symbol('BROKER_CLOCK');
/** Scheduling, apart from the date: see docs/time.md#clock-and-timers. */
export const BROKER_TIMERS = Symbol('BROKER_TIMERS');
export const BROKER_LOGGER = Symbol('BROKER_LOGGER');
export const BROKER_METRICS = Symbol('BROKER_METRICS');
/** The MalformedRequestReporter of @rocketmq-ts/remoting: a request hook, and what processors report partly refused requests to. */
export const MALFORMED_REQUESTS = Symbol('MALFORMED_REQUESTS');
/** `BrokerAcl | undefined` (acl/broker-acl.ts): the ACL hook and its file, when aclEnable. */
export const BROKER_ACL = Symbol('BROKER_ACL');
/** `MessagePut` (put/message-put-service.ts): the only way processors and services write a message. */
export const MESSAGE_PUT = Symbol('MESSAGE_PUT');
/** The `MessageStore` port of @rocketmq-ts/store (an interface, hence a symbol). */
export const MESSAGE_STORE = Symbol('MESSAGE_STORE');
/** `BrokerIdentity`: cluster, name, id, registered address and store host. */
export const BROKER_IDENTITY = Symbol('BROKER_IDENTITY');
/** The StoreConfig derived from the broker config (paths, sizes, role). */
export const STORE_CONFIG = Symbol('STORE_CONFIG');

/** What a service that keeps files beside the store and puts messages back needs (delay levels, timer wheel). */
export interface StoreServiceDeps {
  readonly config: BrokerConfig;
  readonly storeConfig: StoreConfig;
  readonly store: MessageStore;
  readonly put: MessagePut;
  readonly clock: Clock;
  readonly logger: Logger;
  readonly timers: Timers;
}

/** The tokens of StoreServiceDeps, for `injectNamed`. */
export const STORE_SERVICE_TOKENS = {
  config: BROKER_CONFIG,
  storeConfig: STORE_CONFIG,
  store: MESSAGE_STORE,
  put: MESSAGE_PUT,
  clock: BROKER_CLOCK,
  logger: BROKER_LOGGER,
  timers: BROKER_TIMERS,
};

/**
 * Lanes, RocketMQ's executor per request family (BrokerController's sendMessageExecutor,
 * pullMessageExecutor …): a flood of one family cannot starve another.
 */
export const BrokerLane = {
  SEND: 'send',
  PULL: 'pull',
  QUERY: 'query',
  /** Heartbeats, unregister, consumer lists (Java: clientManageExecutor / heartbeatExecutor). */
  CLIENT: 'client',
  /** Offsets and queue-metadata queries (Java: consumerManageExecutor). */
  CONSUMER_MANAGE: 'consumer-manage',
  ADMIN: 'admin',
} as const;
export type BrokerLane = (typeof BrokerLane)[keyof typeof BrokerLane];
