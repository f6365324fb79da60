import { at, type Clock, type Logger } from '@rocketmq-ts/base';
import type { ClusterInfo, ConsumeStats, TopicStatsTable } from '@rocketmq-ts/protocol';

import type { ExporterAdminClient } from './exporter-admin-client';
import {
  type BrokerIdentity,
  type BrokerObservation,
  type GroupObservation,
  type NamesrvObservation,
  queueKey,
  type RoundObservation,
} from './observation';

export interface ClusterCollectorOptions {
  readonly admin: ExporterAdminClient;
  readonly namesrvAddrs: readonly string[];
  readonly maxTopicsPerBroker: number;
  readonly maxGroupsPerBroker: number;
  /** A broker the name servers stop listing (it died and was unregistered) is still polled, and reported down, for this long. */
  readonly forgetBrokerAfterMs: number;
  readonly clock: Clock;
  readonly logger: Logger;
}

/**
 * One collection round: ask every name server for the cluster, then every broker for its
 * runtime figures and (masters) topic offsets and group offsets. Every request can fail on its
 * own without failing the round: a down broker is reported down, a down name server too, and
 * when all name servers are down (or forget a dead broker) the brokers learnt before are still polled.
 */
export class ClusterCollector {
  /** Brokers by address, with when a name server last listed them. */
  private readonly knownBrokers = new Map<string, { readonly identity: BrokerIdentity; lastListedAtMs: number }>();
  private readonly down = new Set<string>();

  constructor(private readonly options: ClusterCollectorOptions) {}

  async collect(): Promise<RoundObservation> {
    const startedAtMs = this.options.clock.nowMs();
    const namesrvs = await this.collectNamesrvs(startedAtMs);
    const identities = [...this.knownBrokers.values()].map((known) => known.identity).sort(byBrokerNameThenId);
    const brokers = await Promise.all(identities.map((identity) => this.collectBroker(identity)));
    return { startedAtMs, durationMs: this.options.clock.nowMs() - startedAtMs, namesrvs, brokers };
  }

  private async collectNamesrvs(nowMs: number): Promise<NamesrvObservation[]> {
    const results = await Promise.allSettled(this.options.namesrvAddrs.map((address) => this.options.admin.clusterInfo(address)));
    let fresh: ClusterInfo | undefined;
    const namesrvs = results.map((result, index) => {
      if (result.status === 'fulfilled') fresh ??= result.value;
      const address = at(this.options.namesrvAddrs, index, 'namesrvAddrs');
      this.noteTransition(`namesrv ${address}`, result.status === 'fulfilled', result.status === 'rejected' ? result.reason : undefined);
      return { address, up: result.status === 'fulfilled' };
    });
    if (fresh !== undefined) this.remember(brokerIdentities(fresh), nowMs);
    return namesrvs;
  }

  /** Adds or refreshes the listed brokers and forgets the ones unlisted for too long; a dead broker stays reported down meanwhile. */
  private remember(listed: readonly BrokerIdentity[], nowMs: number): void {
    for (const identity of listed) this.knownBrokers.set(identity.address, { identity, lastListedAtMs: nowMs });
    for (const [address, known] of this.knownBrokers) {
      if (nowMs - known.lastListedAtMs > this.options.forgetBrokerAfterMs) {
        this.knownBrokers.delete(address);
        this.down.delete(`broker ${address}`);
      }
    }
  }

  /** Logs up→down and down→up once each, not every round. */
  private noteTransition(what: string, up: boolean, error: unknown): void {
    if (!up && !this.down.has(what)) {
      this.down.add(what);
      this.options.logger.warn({ err: error }, `${what} is down; reporting it so until it answers`);
    } else if (up && this.down.delete(what)) {
      this.options.logger.info(`${what} answers again`);
    }
  }

  private async collectBroker(identity: BrokerIdentity): Promise<BrokerObservation> {
    const { admin } = this.options;
    let runtime: ReadonlyMap<string, string>;
    try {
      runtime = await admin.runtimeInfo(identity.address);
    } catch (error) {
      this.noteTransition(`broker ${identity.address}`, false, error);
      return { identity, up: false, runtime: new Map(), topics: new Map(), groups: [] };
    }
    this.noteTransition(`broker ${identity.address}`, true, undefined);
    if (identity.brokerId !== 0) return { identity, up: true, runtime, topics: new Map(), groups: [] };
    const [topics, groups] = await Promise.all([this.collectTopics(identity), this.collectGroups(identity)]);
    return { identity, up: true, runtime, topics, groups };
  }

  private async collectTopics(identity: BrokerIdentity): Promise<Map<string, TopicStatsTable>> {
    const names = this.capped(
      await this.optional(() => this.options.admin.topicNames(identity.address), []),
      this.options.maxTopicsPerBroker,
      identity,
      'topics',
    );
    const tables = await Promise.allSettled(names.map((topic) => this.options.admin.topicStats(identity.address, topic)));
    const topics = new Map<string, TopicStatsTable>();
    tables.forEach((table, index) => {
      if (table.status === 'fulfilled') topics.set(at(names, index, 'topic names'), table.value);
    });
    return topics;
  }

  private async collectGroups(identity: BrokerIdentity): Promise<GroupObservation[]> {
    const names = this.capped(
      await this.optional(() => this.options.admin.groupNames(identity.address), []),
      this.options.maxGroupsPerBroker,
      identity,
      'groups',
    );
    const groups = await Promise.allSettled(names.map((group) => this.collectGroup(identity.address, group)));
    return groups.flatMap((group) => (group.status === 'fulfilled' && group.value.stats.offsetTable.length > 0 ? [group.value] : []));
  }

  private async collectGroup(broker: string, group: string): Promise<GroupObservation> {
    const { admin } = this.options;
    const [stats, consumerIds] = await Promise.all([admin.consumeStats(broker, group), admin.consumerIds(broker, group)]);
    return { group, consumerIds, stats, earliestStoreTimeMs: await this.earliestOfUnstartedQueues(broker, stats) };
  }

  /**
   * For a lagging queue the group never consumed from, the first unconsumed message is the
   * queue's first: its store time is one cheap request. Queues consumed before carry the store
   * time of the last consumed message (lastTimestamp) and need none.
   */
  private async earliestOfUnstartedQueues(broker: string, stats: ConsumeStats): Promise<Map<string, number>> {
    const unstarted = stats.offsetTable.filter(([, offset]) => offset.brokerOffset > offset.consumerOffset && offset.lastTimestamp === 0);
    const times = await Promise.allSettled(
      unstarted.map(([queue]) => this.options.admin.earliestStoreTime(broker, queue.topic, queue.queueId)),
    );
    const earliest = new Map<string, number>();
    times.forEach((time, index) => {
      const queue = unstarted[index]?.[0];
      if (queue !== undefined && time.status === 'fulfilled' && time.value > 0)
        earliest.set(queueKey(queue.topic, queue.queueId), time.value);
    });
    return earliest;
  }

  private async optional<T>(request: () => Promise<T>, fallback: T): Promise<T> {
    try {
      return await request();
    } catch (error) {
      this.options.logger.warn({ err: error }, 'admin request failed; continuing without it');
      return fallback;
    }
  }

  private capped(names: string[], max: number, identity: BrokerIdentity, what: string): string[] {
    if (names.length <= max) return names;
    this.options.logger.warn(
      { broker: identity.brokerName, [what]: names.length, max },
      `more ${what} than the exporter collects; skipping the rest`,
    );
    return [...names].sort().slice(0, max);
  }
}

/** Every broker address the cluster info lists, masters and slaves. */
export function brokerIdentities(info: ClusterInfo): BrokerIdentity[] {
  const identities: BrokerIdentity[] = [];
  for (const [brokerName, data] of info.brokerAddrTable) {
    for (const [brokerId, address] of data.brokerAddrs) identities.push({ cluster: data.cluster, brokerName, brokerId, address });
  }
  return identities.sort(byBrokerNameThenId);
}

function byBrokerNameThenId(a: BrokerIdentity, b: BrokerIdentity): number {
  return a.brokerName.localeCompare(b.brokerName) || a.brokerId - b.brokerId;
}
