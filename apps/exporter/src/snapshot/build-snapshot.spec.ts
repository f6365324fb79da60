// buildSnapshot turns hand-made round observations into rocketmq-exporter samples: lag never
// negative and summed over brokers, retry/DLQ topics routed to their own families, store-time lag
// from the last consumed message or the queue's first, rates only from the second round on,
// replication lag per slave, and nothing but up=0 for a broker that did not answer.
import { describe, expect, it } from 'vitest';

import { METRICS, type MetricDefinition } from '@rocketmq-ts/observability';
import type { ConsumeStats, OffsetWrapper, TopicStatsTable } from '@rocketmq-ts/protocol';

import { type BrokerObservation, queueKey, type RoundObservation } from '../collect/observation';
import { buildSnapshot } from './build-snapshot';
import { RateTracker } from './rate-tracker';
import type { SampleSet } from './sample-set';

const NOW = 1_800_000_000_000;
const identity = (brokerName: string, brokerId: number, address: string) => ({ cluster: 'C', brokerName, brokerId, address });

function topicStats(topic: string, maxOffsets: number[]): TopicStatsTable {
  return {
    topicPutTps: 0,
    offsetTable: maxOffsets.map(
      (maxOffset, queueId) =>
        [
          { topic, brokerName: 'b', queueId },
          { minOffset: 0, maxOffset, lastUpdateTimestamp: NOW },
        ] as const,
    ),
  };
}

function consumeStats(entries: [topic: string, queueId: number, offset: Partial<OffsetWrapper>][]): ConsumeStats {
  return {
    consumeTps: 0,
    offsetTable: entries.map(
      ([topic, queueId, offset]) =>
        [
          { topic, brokerName: 'b', queueId },
          { brokerOffset: 0, consumerOffset: 0, lastTimestamp: 0, pullOffset: 0, ...offset },
        ] as const,
    ),
  };
}

function master(topicOffsets: number[], committed: number[], runtime: Record<string, string> = {}): BrokerObservation {
  return {
    identity: identity('b', 0, '10.0.0.1:10911'),
    up: true,
    runtime: new Map(
      Object.entries({
        putMessageTimesTotal: String(topicOffsets.reduce((a, b) => a + b, 0)),
        putMessageAverageSize: '100',
        commitLogMaxOffset: '5000',
        ...runtime,
      }),
    ),
    topics: new Map([
      ['T', topicStats('T', topicOffsets)],
      ['%RETRY%G', topicStats('%RETRY%G', [2])],
      ['%DLQ%G', topicStats('%DLQ%G', [1])],
    ]),
    groups: [
      {
        group: 'G',
        consumerIds: ['c1', 'c2'],
        stats: consumeStats([
          ['T', 0, { brokerOffset: topicOffsets[0], consumerOffset: committed[0], lastTimestamp: committed[0] ? NOW - 7000 : 0 }],
          ['T', 1, { brokerOffset: topicOffsets[1], consumerOffset: committed[1] }],
          ['%RETRY%G', 0, { brokerOffset: 2, consumerOffset: 1, lastTimestamp: NOW - 1000 }],
        ]),
        earliestStoreTimeMs: new Map([[queueKey('T', 1), NOW - 60_000]]),
      },
    ],
  };
}

function round(atMs: number, brokers: BrokerObservation[]): RoundObservation {
  return { startedAtMs: atMs, durationMs: 12, namesrvs: [{ address: '10.0.0.9:9876', up: true }], brokers };
}

function values(samples: SampleSet, metric: MetricDefinition, labels: Record<string, string> = {}): number[] {
  return samples
    .samplesOf(metric)
    .filter((sample) => Object.entries(labels).every(([key, value]) => sample.labels[key] === value))
    .map((sample) => sample.value);
}

describe('Exporter > buildSnapshot', () => {
  it('reports lag per group, topic and queue, with retry and DLQ apart and never negative', () => {
    const samples = buildSnapshot(round(NOW, [master([10, 5], [12, 0])]), new RateTracker());
    expect(samples.samplesOf(METRICS.rocketmq_group_diff)).toEqual([
      { labels: { group: 'G', topic: 'T', countOfOnlineConsumers: '2', msgModel: '1' }, value: 5 },
    ]);
    expect(values(samples, METRICS.rocketmq_group_queue_diff, { topic: 'T' })).toEqual([0, 5]);
    expect(values(samples, METRICS.rocketmq_group_retrydiff)).toEqual([1]);
    expect(values(samples, METRICS.rocketmq_group_dlqdiff)).toEqual([0]);
    expect(values(samples, METRICS.rocketmq_topic_dlq_offset, { group: 'G' })).toEqual([1]);
    expect(values(samples, METRICS.rocketmq_topic_retry_offset, { topic: '%RETRY%G' })).toEqual([2]);
    expect(values(samples, METRICS.rocketmq_producer_offset, { topic: 'T' })).toEqual([15]);
    expect(samples.samplesOf(METRICS.rocketmq_group_count)).toEqual([{ labels: { caddr: '', localaddr: 'c1,c2', group: 'G' }, value: 2 }]);
  });

  it('measures lag in time from the last consumed message, or from the first message of a never-consumed queue', () => {
    const consumedOnce = buildSnapshot(round(NOW, [master([10, 0], [3, 0])]), new RateTracker());
    expect(values(consumedOnce, METRICS.rocketmq_group_get_latency_by_storetime, { topic: 'T' })).toEqual([7000]);
    const neverConsumed = buildSnapshot(round(NOW, [master([0, 5], [0, 0])]), new RateTracker());
    expect(values(neverConsumed, METRICS.rocketmq_group_get_latency_by_storetime, { topic: 'T' })).toEqual([60_000]);
    const caughtUp = buildSnapshot(round(NOW, [master([4, 4], [4, 4])]), new RateTracker());
    expect(values(caughtUp, METRICS.rocketmq_group_get_latency_by_storetime, { topic: 'T' })).toEqual([0]);
  });

  it('derives TPS only from the second round, as offset growth per second', () => {
    const rates = new RateTracker();
    const first = buildSnapshot(round(NOW, [master([10, 10], [0, 0])]), rates);
    expect(first.samplesOf(METRICS.rocketmq_producer_tps)).toEqual([]);
    expect(first.samplesOf(METRICS.rocketmq_broker_tps)).toEqual([]);
    const second = buildSnapshot(round(NOW + 10_000, [master([60, 10], [20, 0])]), rates);
    expect(values(second, METRICS.rocketmq_producer_tps, { topic: 'T' })).toEqual([5]);
    expect(values(second, METRICS.rocketmq_producer_message_size, { topic: 'T' })).toEqual([500]);
    expect(values(second, METRICS.rocketmq_broker_tps)).toEqual([5]);
    expect(values(second, METRICS.rocketmq_consumer_tps, { topic: 'T', group: 'G' })).toEqual([2]);
    expect(values(second, METRICS.rocketmq_broker_qps)).toEqual([2]);
  });

  it('reports replication lag per slave and only up=0 for a broker that did not answer', () => {
    const slave: BrokerObservation = {
      identity: identity('b', 1, '10.0.0.2:10911'),
      up: true,
      runtime: new Map([['commitLogMaxOffset', '4200']]),
      topics: new Map(),
      groups: [],
    };
    const dead: BrokerObservation = {
      identity: identity('d', 0, '10.0.0.3:10911'),
      up: false,
      runtime: new Map(),
      topics: new Map(),
      groups: [],
    };
    const samples = buildSnapshot(round(NOW, [master([1, 1], [1, 1]), slave, dead]), new RateTracker());
    expect(samples.samplesOf(METRICS.rocketmq_broker_commitlog_diff)).toEqual([
      { labels: { cluster: 'C', brokerIP: '10.0.0.2:10911', broker: 'b' }, value: 800 },
    ]);
    expect(values(samples, METRICS.rocketmq_broker_up, { broker: 'd' })).toEqual([0]);
    expect(values(samples, METRICS.rocketmq_broker_up, { broker: 'b' })).toEqual([1, 1]);
    expect(values(samples, METRICS.rocketmq_producer_offset, { broker: 'd' })).toEqual([]);
    expect(values(samples, METRICS.rocketmq_brokeruntime_commitlog_maxoffset)).toEqual([5000]);
    expect(values(samples, METRICS.rocketmq_namesrv_up)).toEqual([1]);
  });
});
