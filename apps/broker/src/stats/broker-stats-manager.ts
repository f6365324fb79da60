import { systemClock, type TimerHandle, type Timers } from '@rocketmq-ts/base';
import { isSystemTopic } from '@rocketmq-ts/model';

import { StatsItem, type StatsWindow, STATS_WINDOWS } from './stats-item';
import { TpsSampler } from './tps-sampler';

/**
 * The broker's traffic counters (docs/admin.md#stats-windows), RocketMQ's BrokerStatsManager cut
 * down to what the admin tools read: per topic puts, per topic@group gets, broker totals, and the
 * per-second TPS rings. Fed by MessagePutService (stored messages) and the pull processor (found
 * messages); read by VIEW_BROKER_STATS_DATA (315), GET_BROKER_RUNTIME_INFO (28) and
 * GET_BROKER_CONSUME_STATS (317).
 *
 * Invariants:
 * - The hot-path calls (`onPut`, `onGet`) do map lookups and number increments only; an item is
 *   allocated the first time a topic (or topic@group) is seen.
 * - Group items are keyed topic → group, so the `topic@group` key of the wire is never built on
 *   the hot path; names cannot contain `@` (topic and group validation), so the split is exact.
 * - Sampling runs on timers started by `start` (10 s / 10 min / 1 h windows, 1 s TPS), each
 *   callable directly with a time so specs drive the windows with a manual clock.
 */
export const StatsName = {
  TOPIC_PUT_NUMS: 'TOPIC_PUT_NUMS',
  TOPIC_PUT_SIZE: 'TOPIC_PUT_SIZE',
  GROUP_GET_NUMS: 'GROUP_GET_NUMS',
  GROUP_GET_SIZE: 'GROUP_GET_SIZE',
  BROKER_PUT_NUMS: 'BROKER_PUT_NUMS',
  BROKER_GET_NUMS: 'BROKER_GET_NUMS',
} as const;
export type StatsName = (typeof StatsName)[keyof typeof StatsName];

type TopicItems = Map<string, StatsItem>;
type GroupItems = Map<string, Map<string, StatsItem>>;

export interface BrokerDayTotals {
  readonly putTodayNow: number;
  readonly getTodayNow: number;
  readonly putTodayMorning: number;
  readonly getTodayMorning: number;
  readonly putYesterdayMorning: number;
  readonly getYesterdayMorning: number;
}

export class BrokerStatsManager {
  readonly tps = new TpsSampler();
  private readonly topicPutNums: TopicItems = new Map();
  private readonly topicPutSize: TopicItems = new Map();
  private readonly groupGetNums: GroupItems = new Map();
  private readonly groupGetSize: GroupItems = new Map();
  private readonly brokerPutNums: StatsItem;
  private readonly brokerGetNums: StatsItem;
  /** Puts and gets of non-system topics since start: what `msgPutTotalTodayNow` / `msgGetTotalTodayNow` print. */
  private putWithoutSystem = 0;
  private getWithoutSystem = 0;
  private morning = { put: 0, get: 0, yesterdayPut: 0, yesterdayGet: 0 };
  private dayOfLastSample: number;
  private readonly intervals: TimerHandle[] = [];

  /** `clusterName` is the key of the BROKER_* items, as in Java. */
  constructor(
    private readonly clusterName: string,
    private readonly nowMs: () => number,
    private readonly timers: Timers = systemClock,
  ) {
    const now = nowMs();
    this.brokerPutNums = new StatsItem(now);
    this.brokerGetNums = new StatsItem(now);
    this.dayOfLastSample = localDay(now);
  }

  /** A put stored `messages` messages of `bytes` body bytes in one call. */
  onPut(topic: string, messages: number, bytes: number): void {
    this.item(this.topicPutNums, topic).add(messages, 1);
    this.item(this.topicPutSize, topic).add(bytes, 1);
    this.brokerPutNums.add(messages, 1);
    this.tps.totals.put += messages;
    if (!isSystemTopic(topic)) this.putWithoutSystem += messages;
  }

  /** A pull answered: `messages` found (0 = a miss) of `bytes` body bytes. */
  onGet(group: string, topic: string, messages: number, bytes: number): void {
    if (messages === 0) {
      this.tps.totals.getMiss += 1;
      return;
    }
    this.tps.totals.getFound += 1;
    this.tps.totals.getTransferred += messages;
    this.groupItem(this.groupGetNums, topic, group).add(messages, 1);
    this.groupItem(this.groupGetSize, topic, group).add(bytes, 1);
    this.brokerGetNums.add(messages, 1);
    if (!isSystemTopic(topic)) this.getWithoutSystem += messages;
  }

  /** Java's `getStatsItem(statsName, statsKey)`: undefined for an unknown name or a key never counted. */
  statsItem(name: string, key: string): StatsItem | undefined {
    switch (name) {
      case StatsName.TOPIC_PUT_NUMS:
        return this.topicPutNums.get(key);
      case StatsName.TOPIC_PUT_SIZE:
        return this.topicPutSize.get(key);
      case StatsName.GROUP_GET_NUMS:
        return groupLookup(this.groupGetNums, key);
      case StatsName.GROUP_GET_SIZE:
        return groupLookup(this.groupGetSize, key);
      case StatsName.BROKER_PUT_NUMS:
        return key === this.clusterName ? this.brokerPutNums : undefined;
      case StatsName.BROKER_GET_NUMS:
        return key === this.clusterName ? this.brokerGetNums : undefined;
      default:
        return undefined;
    }
  }

  /** Messages per second a group got from a topic over the last minute (GET_BROKER_CONSUME_STATS's consumeTps). */
  groupGetTps(group: string, topic: string): number {
    return this.groupGetNums.get(topic)?.get(group)?.snapshot('minute').tps ?? 0;
  }

  dayTotals(): BrokerDayTotals {
    return {
      putTodayNow: this.putWithoutSystem,
      getTodayNow: this.getWithoutSystem,
      putTodayMorning: this.morning.put,
      getTodayMorning: this.morning.get,
      putYesterdayMorning: this.morning.yesterdayPut,
      getYesterdayMorning: this.morning.yesterdayGet,
    };
  }

  /** Samples one window of every item; on the first sample of a new local day, the morning totals roll. */
  sample(window: StatsWindow, nowMs: number): void {
    for (const item of this.items()) item.sample(window, nowMs);
    const day = localDay(nowMs);
    if (day !== this.dayOfLastSample) {
      this.dayOfLastSample = day;
      this.morning = {
        put: this.putWithoutSystem,
        get: this.getWithoutSystem,
        yesterdayPut: this.morning.put,
        yesterdayGet: this.morning.get,
      };
    }
  }

  start(): void {
    for (const window of Object.keys(STATS_WINDOWS) as StatsWindow[]) {
      this.intervals.push(this.timers.setInterval(() => this.sample(window, this.nowMs()), STATS_WINDOWS[window].periodMs).unref());
    }
    this.tps.sample(this.nowMs());
    this.intervals.push(this.timers.setInterval(() => this.tps.sample(this.nowMs()), 1_000).unref());
  }

  stop(): void {
    for (const interval of this.intervals.splice(0)) this.timers.clearInterval(interval);
  }

  private *items(): Iterable<StatsItem> {
    yield this.brokerPutNums;
    yield this.brokerGetNums;
    yield* this.topicPutNums.values();
    yield* this.topicPutSize.values();
    for (const table of [this.groupGetNums, this.groupGetSize]) for (const groups of table.values()) yield* groups.values();
  }

  private item(table: TopicItems, key: string): StatsItem {
    let item = table.get(key);
    if (item === undefined) {
      item = new StatsItem(this.nowMs());
      table.set(key, item);
    }
    return item;
  }

  private groupItem(table: GroupItems, topic: string, group: string): StatsItem {
    let groups = table.get(topic);
    if (groups === undefined) {
      groups = new Map();
      table.set(topic, groups);
    }
    return this.item(groups, group);
  }
}

/** `topic@group`, the key Java builds for group items. */
function groupLookup(table: GroupItems, key: string): StatsItem | undefined {
  const at = key.indexOf('@');
  if (at < 0) return undefined;
  return table.get(key.slice(0, at))?.get(key.slice(at + 1));
}

function localDay(ms: number): number {
  const date = new Date(ms);
  return date.getFullYear() * 10_000 + date.getMonth() * 100 + date.getDate();
}
