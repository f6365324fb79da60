import { type Logger, silentLogger } from '@rocketmq-ts/base';
import { AUTO_CREATE_TOPIC_KEY_TOPIC } from '@rocketmq-ts/model';
import { createRequest, GetRouteInfoRequestHeader, RequestCode, ResponseCode, TopicRouteData } from '@rocketmq-ts/protocol';
import { type RemotingClient, RemotingError } from '@rocketmq-ts/remoting';

import { MQClientError, NoRouteError } from '../errors';
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
  /** Index of the name server that answered last; lookups start there (Java sticks to one too). */
  private namesrvIndex = 0;
  private refreshTimer: NodeJS.Timeout | undefined;

  constructor(private readonly options: TopicRouteCacheOptions) {
    if (options.namesrvAddrs.length === 0) throw new MQClientError('no name server address given', { retriable: false });
    this.logger = (options.logger ?? silentLogger).child({ component: 'topic-route-cache' });
    this.defaultTopicQueueNums = options.defaultTopicQueueNums ?? DEFAULT_TOPIC_QUEUE_NUMS;
  }

  /** Starts the periodic refresh; unref'd so that a forgotten producer does not keep Node alive. */
  start(): void {
    const interval = this.options.refreshIntervalMs ?? DEFAULT_ROUTE_REFRESH_INTERVAL_MS;
    this.refreshTimer ??= setInterval(() => void this.refreshAll(), interval).unref();
  }

  stop(): void {
    clearInterval(this.refreshTimer);
    this.refreshTimer = undefined;
  }

  /** Every master address of every cached route (heartbeat and unregister targets). */
  masterAddrs(): string[] {
    const addrs = new Set<string>();
    for (const info of this.routes.values()) for (const addr of info.masters.values()) addrs.add(addr);
    return [...addrs];
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
    const route = await this.fetchRoute(topic);
    if (route) {
      info = toPublishInfo(topic, route, false);
    } else {
      const defaultRoute = await this.fetchRoute(AUTO_CREATE_TOPIC_KEY_TOPIC);
      // Brokers with autoCreateTopicEnable=false register no TBW102: the topic simply does not exist.
      if (!defaultRoute) throw new NoRouteError(topic, { responseCode: ResponseCode.TOPIC_NOT_EXIST, remark: `the name servers know neither ${topic} nor ${AUTO_CREATE_TOPIC_KEY_TOPIC}` });
      info = toPublishInfo(topic, fromDefaultTopicRoute(defaultRoute, this.defaultTopicQueueNums), true);
    }
    if (info.queues.length === 0) throw new NoRouteError(topic);
    this.routes.set(topic, info);
    this.options.onMasters?.([...info.masters.values()]);
    return info;
  }

  /**
   * GET_ROUTEINFO_BY_TOPIC from one name server, moving to the next when one cannot be reached.
   * Undefined when the name server says TOPIC_NOT_EXIST.
   */
  private async fetchRoute(topic: string): Promise<TopicRouteData | undefined> {
    const addrs = this.options.namesrvAddrs;
    let lastError: unknown;
    for (let tried = 0; tried < addrs.length; tried += 1) {
      const index = (this.namesrvIndex + tried) % addrs.length;
      const addr = addrs[index] as string;
      const request = createRequest(RequestCode.GET_ROUTEINFO_BY_TOPIC, { extFields: GetRouteInfoRequestHeader.encode({ topic }) });
      try {
        const response = await this.options.remoting.invoke(addr, request, this.options.requestTimeoutMs);
        this.namesrvIndex = index;
        if (response.code === ResponseCode.TOPIC_NOT_EXIST) return undefined;
        if (response.code !== ResponseCode.SUCCESS || response.body === undefined) {
          throw new MQClientError(`name server ${addr} answered code ${response.code} for the route of ${topic}: ${response.remark ?? ''}`, {
            responseCode: response.code,
            remark: response.remark,
          });
        }
        return TopicRouteData.decode(response.body);
      } catch (error) {
        // A name server that cannot be reached, or dies or stalls mid-request, is worth trying the
        // next one; an answer is not, as answers are the same everywhere.
        if (!(error instanceof RemotingError) || !error.retriable) throw error instanceof MQClientError ? error : wrap(topic, addr, error);
        lastError = error;
      }
    }
    const reason = lastError instanceof Error ? `: ${lastError.message}` : '';
    throw new MQClientError(`cannot reach any name server (${addrs.join(';')}) for the route of ${topic}${reason}`, { retriable: true, cause: lastError });
  }
}

function wrap(topic: string, addr: string, error: unknown): MQClientError {
  const retriable = typeof error === 'object' && error !== null && 'retriable' in error && error.retriable === true;
  const reason = error instanceof Error ? error.message : String(error);
  return new MQClientError(`route lookup of ${topic} at ${addr} failed: ${reason}`, { retriable, cause: error });
}
