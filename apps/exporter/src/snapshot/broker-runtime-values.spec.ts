// Every rocketmq_brokeruntime_* gauge has a reader, and the readers parse the KVTable text formats
// a broker sends (TPS windows, the put-time distribution, disk capacity, "<n> B").
import { describe, expect, it } from 'vitest';

import { BROKER_RUNTIME_METRICS } from '@rocketmq-ts/observability';

import { BROKER_RUNTIME_READERS, brokerRuntimeValue } from './broker-runtime-values';

const TABLE = new Map([
  ['putTps', '12.5 10.0 8.0'],
  ['getTransferredTps', '1.0 2.0 3.0'],
  ['putMessageDistributeTime', '[<=0ms]:7 [0~10ms]:3 [10~50ms]:0 [10s~]:1'],
  ['commitLogDirCapacity', 'Total : 100 GiB, Free : 25.5 GiB.'],
  ['remainHowManyDataToFlush', '2048 B'],
  ['commitLogMaxOffset', '123456'],
]);

describe('Exporter > broker runtime values', () => {
  it('has a reader for every runtime gauge of the catalogue', () => {
    for (const metric of BROKER_RUNTIME_METRICS) expect(typeof BROKER_RUNTIME_READERS[metric.suffix], metric.name).toBe('function');
    expect(Object.keys(BROKER_RUNTIME_READERS)).toHaveLength(BROKER_RUNTIME_METRICS.length);
  });

  it('parses windows, buckets, capacities and sizes', () => {
    expect(brokerRuntimeValue('put_tps10', TABLE)).toBe(12.5);
    expect(brokerRuntimeValue('put_tps600', TABLE)).toBe(8);
    expect(brokerRuntimeValue('gettransfered_tps60', TABLE)).toBe(2);
    expect(brokerRuntimeValue('pmdt_0ms', TABLE)).toBe(7);
    expect(brokerRuntimeValue('pmdt_10stomore', TABLE)).toBe(1);
    expect(brokerRuntimeValue('pmdt_1to2s', TABLE)).toBeUndefined();
    expect(brokerRuntimeValue('commitlogdir_capacity_total', TABLE)).toBe(100 * 2 ** 30);
    expect(brokerRuntimeValue('commitlogdir_capacity_free', TABLE)).toBe(25.5 * 2 ** 30);
    expect(brokerRuntimeValue('remain_howmanydata_toflush', TABLE)).toBe(2048);
    expect(brokerRuntimeValue('commitlog_maxoffset', TABLE)).toBe(123_456);
    expect(brokerRuntimeValue('put_latency_99', TABLE)).toBe(-1);
    expect(brokerRuntimeValue('dispatch_behind_bytes', TABLE)).toBeUndefined();
  });
});
