import { type Logger, silentLogger } from '@rocketmq-ts/base';

import { MASTER_ID } from './topic-publish-info';
import type { NamesrvRouteFetcher } from './namesrv-route-fetcher';
import { type TopicSubscribeInfo, toSubscribeInfo } from './topic-subscribe-info';

/**
 * The routes of the topics a consumer reads, refreshed on demand and by the consumer's timer. A
 * failed refresh keeps the last route: brokers that still work stay reachable.
 */
export class SubscribeRouteTable {
  private readonly routes = new Map<string, TopicSubscribeInfo>();
  private readonly logger: Logger;

  constructor(
    private readonly fetcher: NamesrvRouteFetcher,
    logger: Logger = silentLogger,
  ) {
    this.logger = logger.child({ component: 'subscribe-route-table' });
  }

  get(topic: string): TopicSubscribeInfo | undefined {
    return this.routes.get(topic);
  }

  /** Looks the topic up again; undefined when it has no route (yet). Throws only on transport trouble. */
  async update(topic: string): Promise<TopicSubscribeInfo | undefined> {
    const route = await this.fetcher.fetch(topic);
    if (route === undefined) return this.routes.get(topic);
    const info = toSubscribeInfo(topic, route);
    this.routes.set(topic, info);
    return info;
  }

  /** Refreshes every topic given; failures are logged and the old route kept. */
  async refresh(topics: Iterable<string>): Promise<void> {
    for (const topic of topics) {
      try {
        await this.update(topic);
      } catch (error) {
        this.logger.warn({ topic, err: error }, 'route refresh failed; keeping the cached route');
      }
    }
  }

  /** Where to pull `brokerName`'s queues: the suggested broker id if known, else the master, else any replica. */
  pullAddr(brokerName: string, brokerId: number): { addr: string; brokerId: number } | undefined {
    const addrs = this.brokerAddrs(brokerName);
    if (addrs === undefined) return undefined;
    const suggested = addrs.get(brokerId);
    if (suggested !== undefined) return { addr: suggested, brokerId };
    const master = addrs.get(MASTER_ID);
    if (master !== undefined) return { addr: master, brokerId: MASTER_ID };
    for (const [id, addr] of addrs) return { addr, brokerId: id };
    return undefined;
  }

  /** The master of `brokerName` (offsets, send-back, locks go there), or undefined when it is down. */
  masterAddr(brokerName: string): string | undefined {
    return this.brokerAddrs(brokerName)?.get(MASTER_ID);
  }

  /** A broker serving `topic`, master preferred, for group-wide questions (the member list). */
  anyBrokerAddrOf(topic: string): string | undefined {
    const info = this.routes.get(topic);
    if (info === undefined) return undefined;
    for (const addrs of info.brokers.values()) {
      const addr = addrs.get(MASTER_ID) ?? addrs.values().next().value;
      if (addr !== undefined) return addr;
    }
    return undefined;
  }

  /** Every broker group name and its master across the cached routes. */
  masters(): Map<string, string> {
    const masters = new Map<string, string>();
    for (const info of this.routes.values()) {
      for (const [brokerName, addrs] of info.brokers) {
        const master = addrs.get(MASTER_ID);
        if (master !== undefined) masters.set(brokerName, master);
      }
    }
    return masters;
  }

  /** Masters and slaves alike: consumers heartbeat every replica they may pull from. */
  allBrokerAddrs(): string[] {
    const addrs = new Set<string>();
    for (const info of this.routes.values())
      for (const replicas of info.brokers.values()) for (const addr of replicas.values()) addrs.add(addr);
    return [...addrs];
  }

  private brokerAddrs(brokerName: string): ReadonlyMap<number, string> | undefined {
    for (const info of this.routes.values()) {
      const addrs = info.brokers.get(brokerName);
      if (addrs !== undefined) return addrs;
    }
    return undefined;
  }
}
