import { hostOfAddress } from '@rocketmq-ts/base';
import { BROKER_RUNTIME_METRICS, METRICS } from '@rocketmq-ts/observability';

import type { BrokerObservation, RoundObservation } from '../collect/observation';
import { brokerRuntimeValue } from './broker-runtime-values';
import type { RateTracker } from './rate-tracker';
import type { SampleSet } from './sample-set';

/** Up/down of every name server and broker: down ones get 0 here and no other series. */
export function deriveUpSamples(round: RoundObservation, samples: SampleSet): void {
  for (const namesrv of round.namesrvs) samples.add(METRICS.rocketmq_namesrv_up, { namesrv: namesrv.address }, namesrv.up ? 1 : 0);
  for (const broker of round.brokers) {
    const { cluster, brokerName, address } = broker.identity;
    samples.add(METRICS.rocketmq_broker_up, { cluster, brokerIP: address, broker: brokerName }, broker.up ? 1 : 0);
  }
}

/** rocketmq_brokeruntime_* for every master that answered, labelled as rocketmq-exporter labels them. */
export function deriveRuntimeSamples(broker: BrokerObservation, samples: SampleSet): void {
  const { cluster, address } = broker.identity;
  const labels = {
    cluster,
    brokerIP: address,
    brokerHost: hostOfAddress(address),
    des: broker.runtime.get('brokerVersionDesc') ?? '',
    boottime: broker.runtime.get('bootTimestamp') ?? '',
    broker_version: broker.runtime.get('brokerVersion') ?? '',
  };
  for (const metric of BROKER_RUNTIME_METRICS) {
    const value = brokerRuntimeValue(metric.suffix, broker.runtime);
    if (value !== undefined) samples.add(metric, labels, value);
  }
}

/** Replication lag per slave: its master's commit-log max offset minus its own (never negative). */
export function deriveCommitLogDiffSamples(round: RoundObservation, samples: SampleSet): void {
  const masters = new Map(
    round.brokers.filter((broker) => broker.up && broker.identity.brokerId === 0).map((master) => [master.identity.brokerName, master]),
  );
  for (const slave of round.brokers) {
    if (!slave.up || slave.identity.brokerId === 0) continue;
    const master = masters.get(slave.identity.brokerName);
    const masterOffset = Number(master?.runtime.get('commitLogMaxOffset'));
    const slaveOffset = Number(slave.runtime.get('commitLogMaxOffset'));
    if (!Number.isFinite(masterOffset) || !Number.isFinite(slaveOffset)) continue;
    const { cluster, brokerName, address } = slave.identity;
    samples.add(
      METRICS.rocketmq_broker_commitlog_diff,
      { cluster, brokerIP: address, broker: brokerName },
      Math.max(0, masterOffset - slaveOffset),
    );
  }
}

/**
 * Messages written per second on a master, from its putMessageTimesTotal since the last round
 * (our broker serves no VIEW_BROKER_STATS_DATA minute statistics to ask for).
 */
export function deriveBrokerTpsSample(broker: BrokerObservation, rates: RateTracker, samples: SampleSet): void {
  const { cluster, brokerName, address } = broker.identity;
  const putTotal = Number(broker.runtime.get('putMessageTimesTotal'));
  const tps = Number.isFinite(putTotal) ? rates.rate(`put\u0000${address}`, putTotal) : undefined;
  if (tps !== undefined) samples.add(METRICS.rocketmq_broker_tps, { cluster, brokerIP: address, broker: brokerName }, tps);
}

/** Average stored message size on a broker, to turn message rates into byte rates. */
export function averageMessageSize(broker: BrokerObservation): number {
  const size = Number(broker.runtime.get('putMessageAverageSize'));
  return Number.isFinite(size) && size > 0 ? size : 0;
}
