import { formatIpAddress, type MessageQueue } from '@rocketmq-ts/model';
import type { SubscriptionData } from '@rocketmq-ts/protocol';
import { RemotingClient } from '@rocketmq-ts/remoting';

import { remotingSecurityOptions } from '../core/client-security';
import { TimerSet } from '../core/timer-set';
import { MQClientError } from '../errors';
import { createClientId, localIpBytes } from '../producer/client-id';
import { NamesrvRouteFetcher } from '../route/namesrv-route-fetcher';
import { SubscribeRouteTable } from '../route/subscribe-route-table';
import { MASTER_ID } from '../route/topic-publish-info';
import { BrokerCaller } from './broker-api/broker-caller';
import { checkClientConfig } from './broker-api/group-api';
import { maxOffset, searchOffset } from './broker-api/offset-api';
import { ConsumerHeartbeat } from './consumer-heartbeat';
import type { ConsumerBaseSettings } from './consumer-settings';
import { LocalOffsetStore } from './offset-store/local-offset-store';
import type { OffsetStore } from './offset-store/offset-store';
import { RemoteOffsetStore } from './offset-store/remote-offset-store';
import { type PullLoopHost, runPullLoop } from './pull/pull-loop';
import { AssignedQueues, type AssignedQueuesHooks } from './rebalance/assigned-queues';
import { computePullFromWhere, type QueueBoundaries } from './rebalance/pull-from-where';
import { Rebalancer } from './rebalance/rebalancer';
import { consumerServerRequestHandler } from './server-requests';
import { isTagSubscription } from './subscription';

/** `ip@instanceName` when the user names the instance (stable across restarts), else unique per instance. */
export function consumerClientId(instanceName: string | undefined): string {
  const ip = localIpBytes();
  return instanceName === undefined ? createClientId(ip) : `${formatIpAddress(ip)}@${instanceName}`;
}

export interface ConsumerRuntimeOptions {
  readonly settings: ConsumerBaseSettings;
  readonly clientId: string;
  readonly consumeType: 'CONSUME_PASSIVELY' | 'CONSUME_ACTIVELY';
  /** Every subscribed topic: routes are kept for these and pulled messages filtered by them. */
  readonly subscriptions: ReadonlyMap<string, SubscriptionData>;
  /** False for lite assign mode: the broker knows the group, not our queues, so heartbeats name no subscription. */
  readonly heartbeatSubscriptions: boolean;
  /** NOTIFY_CONSUMER_IDS_CHANGED from a broker. */
  readonly rebalanceNow: () => void;
  /** RESET_CONSUMER_CLIENT_OFFSET from a broker. */
  readonly resetOffsets: (offsets: ReadonlyArray<readonly [MessageQueue, number]>) => Promise<void>;
}

/** What differs between the consumers' pull loops; the rest of the host is the runtime's. */
export type PullLoopParts = Pick<PullLoopHost, 'postSubscription' | 'lite' | 'isRunning' | 'pullDelayOf' | 'deliver'>;
/** What differs between the consumers' owned-queue tables. */
export type AssignedQueuesParts = Pick<AssignedQueuesHooks, 'beforeAdd' | 'afterRemove' | 'persistOnRelease'>;

const NO_SUBSCRIPTIONS: ReadonlyMap<string, SubscriptionData> = new Map();

/**
 * The plumbing every consumer shares while running (Java's MQClientInstance, one per consumer
 * here): the connections with the broker-request handler, routes, offset store, heartbeat and
 * timers, the owned queues with their pull loops, and the order all of it is closed in.
 */
export class ConsumerRuntime {
  readonly settings: ConsumerBaseSettings;
  readonly timers: TimerSet;
  readonly remoting: RemotingClient;
  readonly caller: BrokerCaller;
  readonly routes: SubscribeRouteTable;
  readonly offsetStore: OffsetStore;
  readonly heartbeat: ConsumerHeartbeat;
  /** Max and by-time offsets of a queue, from its broker's master. */
  readonly boundaries: QueueBoundaries = {
    maxOffset: (queue) => maxOffset(this.caller, this.masterAddr(queue), queue),
    searchOffset: (queue, timestamp) => searchOffset(this.caller, this.masterAddr(queue), queue, timestamp),
  };

  constructor(private readonly options: ConsumerRuntimeOptions) {
    const { settings, clientId } = options;
    const logger = settings.logger;
    this.settings = settings;
    this.timers = new TimerSet(settings.timers);
    const requestHandler = consumerServerRequestHandler(
      {
        consumerGroup: settings.consumerGroup,
        rebalanceNow: options.rebalanceNow,
        resetOffsets: (_topic, offsets) => options.resetOffsets(offsets),
      },
      logger,
    );
    this.remoting = new RemotingClient({ logger, requestHandler, ...remotingSecurityOptions(settings.security) });
    this.caller = new BrokerCaller(this.remoting, settings.requestTimeoutMs);
    this.routes = new SubscribeRouteTable(
      new NamesrvRouteFetcher({
        remoting: this.remoting,
        namesrvAddrs: settings.namesrvAddrs,
        requestTimeoutMs: settings.requestTimeoutMs,
      }),
      logger,
    );
    this.offsetStore =
      settings.messageModel === 'BROADCASTING'
        ? new LocalOffsetStore({ dir: settings.offsetStoreDir, clientId, consumerGroup: settings.consumerGroup, logger })
        : new RemoteOffsetStore({
            caller: this.caller,
            consumerGroup: settings.consumerGroup,
            offsetAddr: (brokerName) => this.routes.pullAddr(brokerName, MASTER_ID)?.addr,
            logger,
          });
    const advertised = options.heartbeatSubscriptions ? options.subscriptions : NO_SUBSCRIPTIONS;
    this.heartbeat = new ConsumerHeartbeat({
      caller: this.caller,
      clientId,
      consumerGroup: settings.consumerGroup,
      consumeType: options.consumeType,
      messageModel: settings.messageModel,
      consumeFromWhere: settings.consumeFromWhere,
      subscriptions: () => [...advertised.values()],
      brokerAddrs: () => this.routes.allBrokerAddrs(),
      logger,
    });
  }

  /** Offsets loaded, routes of every subscribed topic looked up, non-tag subscriptions checked, brokers told about us. */
  async open(): Promise<void> {
    await this.offsetStore.load();
    await this.routes.refresh(this.options.subscriptions.keys());
    await this.checkClientInBroker();
    await this.heartbeat.beatAll();
  }

  /**
   * Java's checkClientInBroker: each non-tag subscription is checked with one broker of its topic
   * (brokers of a cluster share their config), and a refusal fails the start with the broker's
   * code and remark, rather than pulls failing one by one later.
   */
  private async checkClientInBroker(): Promise<void> {
    if (!this.options.heartbeatSubscriptions) return;
    for (const subscription of this.options.subscriptions.values()) {
      if (isTagSubscription(subscription)) continue;
      const addr = this.routes.anyBrokerAddrOf(subscription.topic);
      if (addr !== undefined)
        await checkClientConfig(this.caller, addr, {
          clientId: this.options.clientId,
          group: this.settings.consumerGroup,
          subscriptionData: subscription,
        });
    }
  }

  /** The owned-queue table: a queue taken starts a pull loop at its start offset (stored, or from consumeFromWhere). */
  createAssignedQueues(pull: PullLoopParts, parts: AssignedQueuesParts = {}): AssignedQueues {
    const { settings, offsetStore } = this;
    const { logger } = settings;
    const host: PullLoopHost = {
      caller: this.caller,
      routes: this.routes,
      offsetStore,
      timers: this.timers,
      clock: settings.clock,
      logger,
      consumerGroup: settings.consumerGroup,
      pullBatchSize: settings.pullBatchSize,
      pullDelayOnErrorMs: settings.pullDelayOnErrorMs,
      ...pull,
      subscriptionOf: (topic) => this.options.subscriptions.get(topic),
      onOffsetMoved: (queue, nextOffset) =>
        void assigned.restart(queue.queue, nextOffset).catch((error: unknown) => logger.warn({ err: error }, 'queue restart failed')),
      onSubscriptionMissing: () => void this.heartbeat.beatAll(),
    };
    const assigned: AssignedQueues = new AssignedQueues({
      offsetStore,
      logger,
      ...parts,
      startOffsetOf: (queue) => computePullFromWhere(queue, offsetStore, this.boundaries, settings),
      start: (queue, offset) =>
        void runPullLoop(host, queue, offset).catch((error: unknown) =>
          logger.error({ queue: queue.queue, err: error }, 'pull loop failed'),
        ),
    });
    return assigned;
  }

  /** Group rebalancing of every subscribed topic into `assigned`. */
  createRebalancer(assigned: AssignedQueues): Rebalancer {
    const { settings } = this;
    return new Rebalancer({
      caller: this.caller,
      routes: this.routes,
      assigned,
      strategy: settings.allocateStrategy,
      consumerGroup: settings.consumerGroup,
      clientId: this.options.clientId,
      messageModel: settings.messageModel,
      topics: () => [...this.options.subscriptions.keys()],
      onRouteFound: () => this.heartbeat.beatAll(),
      logger: settings.logger,
    });
  }

  /**
   * The periodic chores: heartbeat, route refresh, rebalance (when there is a rebalancer) and
   * offset persistence of `ownedQueues()` (when `persistEveryMs` is given).
   */
  startChores(chores: {
    ownedQueues: () => readonly MessageQueue[];
    persistEveryMs: number | undefined;
    rebalancer: Rebalancer | undefined;
  }): void {
    const { settings, timers } = this;
    const { rebalancer, persistEveryMs, ownedQueues } = chores;
    timers.every(settings.heartbeatIntervalMs, () => void this.heartbeat.beatAll());
    timers.every(settings.routeRefreshIntervalMs, () => void this.routes.refresh(this.options.subscriptions.keys()));
    if (persistEveryMs !== undefined) timers.every(persistEveryMs, () => void this.offsetStore.persistAll(ownedQueues()));
    if (rebalancer !== undefined) timers.every(settings.rebalanceIntervalMs, () => void rebalancer.rebalance());
  }

  /** The master of the queue's broker; a retriable MQClientError while it is unknown or down. */
  masterAddr(queue: MessageQueue): string {
    const addr = this.routes.masterAddr(queue.brokerName);
    if (addr === undefined) throw new MQClientError(`the master of broker ${queue.brokerName} is unknown or down`, { retriable: true });
    return addr;
  }

  /** Stops the timers (sleeping loops wake), then writes out `ownedQueues`' offsets. */
  async stopAndPersist(ownedQueues: readonly MessageQueue[]): Promise<void> {
    this.timers.clear();
    await this.offsetStore.persistAll(ownedQueues);
  }

  /** UNREGISTER_CLIENT everywhere, then every socket closed. */
  async close(): Promise<void> {
    this.timers.clear();
    await this.heartbeat.unregisterAll();
    await this.remoting.close();
  }
}
