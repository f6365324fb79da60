import { formatIpAddress, type MessageQueue } from '@rocketmq-ts/model';
import type { SubscriptionData } from '@rocketmq-ts/protocol';
import { RemotingClient, type RemotingRequestHandler } from '@rocketmq-ts/remoting';

import { TimerSet } from '../core/timer-set';
import { createClientId, localIpBytes } from '../producer/client-id';
import { NamesrvRouteFetcher } from '../route/namesrv-route-fetcher';
import { SubscribeRouteTable } from '../route/subscribe-route-table';
import { MASTER_ID } from '../route/topic-publish-info';
import { BrokerCaller } from './broker-api/broker-caller';
import { ConsumerHeartbeat } from './consumer-heartbeat';
import type { ConsumerBaseSettings } from './consumer-settings';
import { LocalOffsetStore } from './offset-store/local-offset-store';
import type { OffsetStore } from './offset-store/offset-store';
import { RemoteOffsetStore } from './offset-store/remote-offset-store';

/** `ip@instanceName` when the user names the instance (stable across restarts), else unique per instance. */
export function consumerClientId(instanceName: string | undefined): string {
  const ip = localIpBytes();
  return instanceName === undefined ? createClientId(ip) : `${formatIpAddress(ip)}@${instanceName}`;
}

/**
 * The plumbing every consumer shares while running (Java's MQClientInstance, one per consumer
 * here): the connections, routes, offset store, heartbeat and timers, and the order they are
 * closed in.
 */
export class ConsumerRuntime {
  readonly timers = new TimerSet();
  readonly remoting: RemotingClient;
  readonly caller: BrokerCaller;
  readonly routes: SubscribeRouteTable;
  readonly offsetStore: OffsetStore;
  readonly heartbeat: ConsumerHeartbeat;

  constructor(
    readonly settings: ConsumerBaseSettings,
    readonly clientId: string,
    consumeType: 'CONSUME_PASSIVELY' | 'CONSUME_ACTIVELY',
    private readonly subscriptions: ReadonlyMap<string, SubscriptionData>,
    requestHandler: RemotingRequestHandler,
  ) {
    const logger = settings.logger;
    this.remoting = new RemotingClient({ logger, requestHandler });
    this.caller = new BrokerCaller(this.remoting, settings.requestTimeoutMs);
    this.routes = new SubscribeRouteTable(new NamesrvRouteFetcher({ remoting: this.remoting, namesrvAddrs: settings.namesrvAddrs, requestTimeoutMs: settings.requestTimeoutMs }), logger);
    this.offsetStore =
      settings.messageModel === 'BROADCASTING'
        ? new LocalOffsetStore({ dir: settings.offsetStoreDir, clientId, consumerGroup: settings.consumerGroup, logger })
        : new RemoteOffsetStore({ caller: this.caller, consumerGroup: settings.consumerGroup, offsetAddr: (brokerName) => this.routes.pullAddr(brokerName, MASTER_ID)?.addr, logger });
    this.heartbeat = new ConsumerHeartbeat({
      caller: this.caller,
      clientId,
      consumerGroup: settings.consumerGroup,
      consumeType,
      messageModel: settings.messageModel,
      consumeFromWhere: settings.consumeFromWhere,
      subscriptions: () => [...this.subscriptions.values()],
      brokerAddrs: () => this.routes.allBrokerAddrs(),
      logger,
    });
  }

  /** Offsets loaded, routes of every subscribed topic looked up, brokers told about us. */
  async open(): Promise<void> {
    await this.offsetStore.load();
    await this.routes.refresh(this.subscriptions.keys());
    await this.heartbeat.beatAll();
  }

  /** The periodic chores: heartbeat, route refresh, offset persistence of `ownedQueues()`. */
  startChores(ownedQueues: () => readonly MessageQueue[]): void {
    const { settings, timers } = this;
    timers.every(settings.heartbeatIntervalMs, () => void this.heartbeat.beatAll());
    timers.every(settings.routeRefreshIntervalMs, () => void this.routes.refresh(this.subscriptions.keys()));
    timers.every(settings.persistConsumerOffsetIntervalMs, () => void this.offsetStore.persistAll(ownedQueues()));
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
