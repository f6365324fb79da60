import { type Logger, silentLogger, systemClock, type TimerHandle, type Timers } from '@rocketmq-ts/base';
import { AUTO_CREATE_TOPIC_KEY_TOPIC } from '@rocketmq-ts/model';
import { ResponseCode } from '@rocketmq-ts/protocol';
import type { RemotingClient } from '@rocketmq-ts/remoting';

import { NoRouteError } from '../errors';
import { NamesrvRouteFetcher } from './namesrv-route-fetcher';
import { fromDefaultTopicRoute, type TopicPublishInfo, toPublishInfo } from './topic-publish-info';

/** Java's pollNameServerInterval. */
export const DEFAULT_ROUTE_REFRESH_INTERVAL_MS = 30_000;
/** Java's defaultTopicQueueNums: queues a topic gets when the broker creates it from TBW102. */
export const DEFAULT_TOPIC_QUEUE_NUMS = 4;

export interface TopicRouteCacheOptions {
  readonly remoting: RemotingClient;
  readonly namesrvAddrs: readonly string[];
  readonly requestTimeoutMs: number;
  readonly refreshIntervalMs?: number;
  readonly defaultTopicQueueNums?: number;
  readonly logger?: Logger;
  /** Told about every master address a route names, e.g. to heartbeat it at once. */
  readonly onMasters?: (addrs: readonly string[]) => void;
  /** Where the refresh period is scheduled; real timers by default. */
  readonly timers?: Timers;
}

/**
 * Topic routes from the name servers, for producers: looked up on first use, then refreshed in
 * the background so a send never waits on the name server once a topic is known.
 */
export class TopicRouteCache {
  private readonly routes = new Map<string, TopicPublishInfo>();
  /** Concurrent first sends of a topic share one lookup. */
  private readonly loading = new Map<string, Promise<TopicPublishInfo>>();
  private readonly logger: Logger;
  private readonly defaultTopicQueueNums: number;
  private readonly fetcher: NamesrvRouteFetcher;
  private refreshTimer: TimerHandle | undefined;

  constructor(private readonly options: TopicRouteCacheOptions) {
    this.fetcher = new NamesrvRouteFetcher(options);
    this.logger = (options.logger ?? silentLogger).child({ component: 'topic-route-cache' });
    this.defaultTopicQueueNums = options.defaultTopicQueueNums ?? DEFAULT_TOPIC_QUEUE_NUMS;
  }

  /** Starts the periodic refresh; unref'd so that a forgotten producer does not keep Node alive. */
  start(): void {
    const interval = this.options.refreshIntervalMs ?? DEFAULT_ROUTE_REFRESH_INTERVAL_MS;
    this.refreshTimer ??= (this.options.timers ?? systemClock).setInterval(() => void this.refreshAll(), interval).unref();
  }

  stop(): void {
    (this.options.timers ?? systemClock).clearInterval(this.refreshTimer);
    this.refreshTimer = undefined;
  }

  /** Every master address of every cached route (heartbeat and unregister targets). */
  masterAddrs(): string[] {
    const addrs = new Set<string>();
    for (const info of this.routes.values()) for (const addr of info.masters.values()) addrs.add(addr);
    return [...addrs];
  }

  /** The master address of a broker group named by any cached route. */
  masterAddrOf(brokerName: string): string | undefined {
    for (const info of this.routes.values()) {
      const addr = info.masters.get(brokerName);
      if (addr !== undefined) return addr;
    }
    return undefined;
  }

  /** The publish info of `topic`, from the cache or the name server. Throws NoRouteError or MQClientError. */
  get(topic: string): Promise<TopicPublishInfo> {
    const cached = this.routes.get(topic);
    if (cached && cached.queues.length > 0) return Promise.resolve(cached);
    let loading = this.loading.get(topic);
    if (!loading) {
      loading = this.load(topic).finally(() => this.loading.delete(topic));
      this.loading.set(topic, loading);
    }
    return loading;
  }

  /** Re-reads every cached topic; a topic first seen through TBW102 gets its own route once it exists. */
  async refreshAll(): Promise<void> {
    for (const topic of [...this.routes.keys()]) {
      try {
        await this.load(topic);
      } catch (error) {
        // Keep the old route: a name server hiccup must not stop sends to brokers that still work.
        this.logger.warn({ topic, err: error }, 'route refresh failed; keeping the cached route');
      }
    }
  }

  private async load(topic: string): Promise<TopicPublishInfo> {
    let info: TopicPublishInfo;
    const route = await this.fetcher.fetch(topic);
    if (route) {
      info = toPublishInfo(topic, route, false);
    } else {
      const defaultRoute = await this.fetcher.fetch(AUTO_CREATE_TOPIC_KEY_TOPIC);
      // Brokers with autoCreateTopicEnable=false register no TBW102: the topic simply does not exist.
      if (!defaultRoute)
        throw new NoRouteError(topic, {
          responseCode: ResponseCode.TOPIC_NOT_EXIST,
          remark: `the name servers know neither ${topic} nor ${AUTO_CREATE_TOPIC_KEY_TOPIC}`,
        });
      info = toPublishInfo(topic, fromDefaultTopicRoute(defaultRoute, this.defaultTopicQueueNums), true);
    }
    if (info.queues.length === 0) throw new NoRouteError(topic);
    this.routes.set(topic, info);
    this.options.onMasters?.([...info.masters.values()]);
    return info;
  }
}
