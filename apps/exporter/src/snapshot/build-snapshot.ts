import { METRICS } from '@rocketmq-ts/observability';

import type { RoundObservation } from '../collect/observation';
import {
  averageMessageSize,
  deriveBrokerTpsSample,
  deriveCommitLogDiffSamples,
  deriveRuntimeSamples,
  deriveUpSamples,
} from './derive-broker-samples';
import { GroupSamples } from './derive-group-samples';
import { deriveTopicSamples } from './derive-topic-samples';
import type { RateTracker } from './rate-tracker';
import { SampleSet } from './sample-set';

/**
 * Turns one round's observations into the exporter's samples. Rates compare with the round
 * before (kept in `rates`), so the first round has offsets and lags but no TPS yet. Brokers that
 * did not answer contribute only their `rocketmq_broker_up 0`: their other series disappear
 * from /metrics, which Prometheus marks stale, while the other brokers' continue.
 */
export function buildSnapshot(round: RoundObservation, rates: RateTracker): SampleSet {
  const samples = new SampleSet();
  rates.beginRound(round.startedAtMs);
  deriveUpSamples(round, samples);
  deriveCommitLogDiffSamples(round, samples);
  const groups = new GroupSamples(round.startedAtMs, rates, samples);
  for (const broker of round.brokers) {
    if (!broker.up || broker.identity.brokerId !== 0) continue;
    const averageSize = averageMessageSize(broker);
    deriveRuntimeSamples(broker, samples);
    deriveBrokerTpsSample(broker, rates, samples);
    deriveTopicSamples(broker, averageSize, rates, samples);
    groups.addSendBacks(broker);
    const consumedPerSecond = groups.addBroker(broker, averageSize);
    const { cluster, brokerName, address } = broker.identity;
    // Reads per second: what the groups consumed, as offsets moved (rocketmq-exporter reads BROKER_GET_NUMS).
    if (samples.samplesOf(METRICS.rocketmq_broker_tps).some((sample) => sample.labels['brokerIP'] === address)) {
      samples.add(METRICS.rocketmq_broker_qps, { cluster, brokerIP: address, broker: brokerName }, consumedPerSecond);
    }
  }
  groups.finish();
  samples.add(METRICS.rocketmq_exporter_collect_duration_milliseconds, {}, round.durationMs);
  samples.add(METRICS.rocketmq_exporter_last_collect_timestamp_seconds, {}, (round.startedAtMs + round.durationMs) / 1000);
  return samples;
}
