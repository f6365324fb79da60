import { METRICS } from '@rocketmq-ts/observability';
import type { OffsetWrapper } from '@rocketmq-ts/protocol';

import { type BrokerObservation, type GroupObservation, queueKey } from '../collect/observation';
import { DLQ_PREFIX, RETRY_PREFIX } from './derive-topic-samples';
import type { RateTracker } from './rate-tracker';
import type { SampleSet } from './sample-set';

/**
 * rocketmq-exporter's msgModel label: the MessageModel ordinal. Without GET_CONSUMER_CONNECTION_LIST every group is
 * taken as CLUSTERING.
 */
const CLUSTERING = '1';

interface GroupTotals {
  consumerIds: readonly string[];
  readonly diffByTopic: Map<string, number>;
  retryDiff: number;
  dlqDiff: number;
}

/** Lag of one queue: never negative, even when a group committed past a truncated queue. */
function queueDiff(offset: OffsetWrapper): number {
  return Math.max(0, offset.brokerOffset - offset.consumerOffset);
}

/**
 * How long the first unconsumed message of a queue has waited, in ms: 0 when caught up; else
 * measured from the store time of the last consumed message (the next one was stored at or
 * after it, so this can only overstate the wait), or from the queue's first message when the
 * group never consumed from it; undefined when neither is known.
 */
function queueLatencyMs(
  nowMs: number,
  group: GroupObservation,
  queue: { readonly topic: string; readonly queueId: number },
  offset: OffsetWrapper,
): number | undefined {
  if (queueDiff(offset) === 0) return 0;
  const storedAtMs = offset.lastTimestamp > 0 ? offset.lastTimestamp : group.earliestStoreTimeMs.get(queueKey(queue.topic, queue.queueId));
  return storedAtMs === undefined ? undefined : Math.max(0, nowMs - storedAtMs);
}

/**
 * Consumer figures. Per broker, topic and group: committed offsets, consume TPS and bytes,
 * store-time lag, per-queue lag. Summed over brokers (as rocketmq-exporter's group labels have no
 * broker): lag, retry lag, DLQ lag and online consumers per group.
 */
export class GroupSamples {
  private readonly totals = new Map<string, GroupTotals>();

  constructor(
    private readonly nowMs: number,
    private readonly rates: RateTracker,
    private readonly samples: SampleSet,
  ) {}

  /** Adds one master's groups; returns the messages per second its groups consumed (its QPS). */
  addBroker(broker: BrokerObservation, averageSize: number): number {
    let consumedPerSecond = 0;
    for (const group of broker.groups) consumedPerSecond += this.addGroup(broker, group, averageSize);
    return consumedPerSecond;
  }

  private addGroup(broker: BrokerObservation, group: GroupObservation, averageSize: number): number {
    const totals = this.totalsOf(group.group);
    if (group.consumerIds.length > totals.consumerIds.length) totals.consumerIds = group.consumerIds;
    const { cluster, brokerName, address } = broker.identity;
    const byTopic = new Map<string, { committed: number; latencyMs: number | undefined }>();
    for (const [queue, offset] of group.stats.offsetTable) {
      const diff = queueDiff(offset);
      if (queue.topic.startsWith(RETRY_PREFIX)) totals.retryDiff += diff;
      else if (queue.topic.startsWith(DLQ_PREFIX)) totals.dlqDiff += diff;
      else totals.diffByTopic.set(queue.topic, (totals.diffByTopic.get(queue.topic) ?? 0) + diff);
      this.samples.add(
        METRICS.rocketmq_group_queue_diff,
        { cluster, broker: brokerName, topic: queue.topic, group: group.group, queueid: String(queue.queueId) },
        diff,
      );
      const topic = byTopic.get(queue.topic) ?? { committed: 0, latencyMs: undefined };
      topic.committed += offset.consumerOffset;
      const latencyMs = queueLatencyMs(this.nowMs, group, queue, offset);
      if (latencyMs !== undefined) topic.latencyMs = Math.max(topic.latencyMs ?? 0, latencyMs);
      byTopic.set(queue.topic, topic);
    }
    let consumedPerSecond = 0;
    for (const [topic, figures] of byTopic) {
      const labels = { cluster, broker: brokerName, topic, group: group.group };
      this.samples.add(METRICS.rocketmq_consumer_offset, labels, figures.committed);
      if (figures.latencyMs !== undefined) this.samples.add(METRICS.rocketmq_group_get_latency_by_storetime, labels, figures.latencyMs);
      const tps = this.rates.rate(`group\u0000${address}\u0000${topic}\u0000${group.group}`, figures.committed);
      if (tps === undefined) continue;
      this.samples.add(METRICS.rocketmq_consumer_tps, labels, tps);
      this.samples.add(METRICS.rocketmq_consumer_message_size, labels, tps * averageSize);
      consumedPerSecond += tps;
    }
    return consumedPerSecond;
  }

  /** Adds the retry-topic growth of the group on this broker as rocketmq_send_back_nums (per minute, as rocketmq-exporter's minute sum). */
  addSendBacks(broker: BrokerObservation): void {
    const { cluster, brokerName, address } = broker.identity;
    for (const [topic, table] of broker.topics) {
      if (!topic.startsWith(RETRY_PREFIX)) continue;
      const offset = table.offsetTable.reduce((sum, [, queue]) => sum + queue.maxOffset, 0);
      const perSecond = this.rates.rate(`retry\u0000${address}\u0000${topic}`, offset);
      if (perSecond !== undefined)
        this.samples.add(
          METRICS.rocketmq_send_back_nums,
          { cluster, broker: brokerName, topic, group: topic.slice(RETRY_PREFIX.length) },
          perSecond * 60,
        );
    }
  }

  /** Emits the per-group sums once every broker was added. */
  finish(): void {
    for (const [group, totals] of this.totals) {
      const countOfOnlineConsumers = String(totals.consumerIds.length);
      for (const [topic, diff] of totals.diffByTopic)
        this.samples.add(METRICS.rocketmq_group_diff, { group, topic, countOfOnlineConsumers, msgModel: CLUSTERING }, diff);
      const common = { group, countOfOnlineConsumers, msgModel: CLUSTERING };
      this.samples.add(METRICS.rocketmq_group_retrydiff, { ...common, topic: `${RETRY_PREFIX}${group}` }, totals.retryDiff);
      this.samples.add(METRICS.rocketmq_group_dlqdiff, { ...common, topic: `${DLQ_PREFIX}${group}` }, totals.dlqDiff);
      // caddr (client TCP addresses) needs GET_CONSUMER_CONNECTION_LIST; the client ids are known.
      this.samples.add(
        METRICS.rocketmq_group_count,
        { caddr: '', localaddr: totals.consumerIds.join(','), group },
        totals.consumerIds.length,
      );
    }
  }

  private totalsOf(group: string): GroupTotals {
    let totals = this.totals.get(group);
    if (totals === undefined) {
      totals = { consumerIds: [], diffByTopic: new Map(), retryDiff: 0, dlqDiff: 0 };
      this.totals.set(group, totals);
    }
    return totals;
  }
}
