import { METRICS } from '@rocketmq-ts/observability';
import type { TopicStatsTable } from '@rocketmq-ts/protocol';

import type { BrokerObservation } from '../collect/observation';
import type { RateTracker } from './rate-tracker';
import type { SampleSet } from './sample-set';

export const RETRY_PREFIX = '%RETRY%';
export const DLQ_PREFIX = '%DLQ%';

function highWaterMark(table: TopicStatsTable): number {
  return table.offsetTable.reduce((sum, [, offset]) => sum + offset.maxOffset, 0);
}

/**
 * Per topic on one master: the high-water mark (sum of queue max offsets) as
 * rocketmq_producer_offset, or rocketmq_topic_retry_offset / _dlq_offset for %RETRY% / %DLQ%
 * topics; its growth per second since the last round as rocketmq_producer_tps, and that times the
 * broker's average message size as rocketmq_producer_message_size.
 */
export function deriveTopicSamples(broker: BrokerObservation, averageSize: number, rates: RateTracker, samples: SampleSet): void {
  const { cluster, brokerName, address } = broker.identity;
  for (const [topic, table] of broker.topics) {
    const offset = highWaterMark(table);
    if (topic.startsWith(DLQ_PREFIX)) {
      samples.add(METRICS.rocketmq_topic_dlq_offset, { cluster, broker: brokerName, group: topic.slice(DLQ_PREFIX.length) }, offset);
      continue;
    }
    const labels = { cluster, broker: brokerName, topic };
    if (topic.startsWith(RETRY_PREFIX)) {
      samples.add(METRICS.rocketmq_topic_retry_offset, labels, offset);
      continue;
    }
    samples.add(METRICS.rocketmq_producer_offset, labels, offset);
    const tps = rates.rate(`topic\u0000${address}\u0000${topic}`, offset);
    if (tps === undefined) continue;
    samples.add(METRICS.rocketmq_producer_tps, labels, tps);
    samples.add(METRICS.rocketmq_producer_message_size, labels, tps * averageSize);
  }
}
