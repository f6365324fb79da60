import { defineMetric } from './metric-definition';

/**
 * rocketmq-exporter's `rocketmq_brokeruntime_*` gauges (sic: "brokeruntime"), one per figure of a
 * broker's GET_BROKER_RUNTIME_INFO KVTable, all with the same labels. Suffixes are copied exactly
 * from rocketmq-exporter, inconsistent underscores included, because they are its public names.
 */
export const BROKER_RUNTIME_LABEL_NAMES = ['cluster', 'brokerIP', 'brokerHost', 'des', 'boottime', 'broker_version'] as const;

const TPS_WINDOWS = ['10', '60', '600'] as const;
type TpsWindow = (typeof TPS_WINDOWS)[number];
type TpsSuffix = `${'put' | 'getfound' | 'gettotal' | 'gettransfered' | 'getmiss'}_tps${TpsWindow}`;

const SCALAR_SUFFIX_HELP = {
  msg_put_total_today_now: 'Messages put since midnight.',
  msg_gettotal_today_now: 'Messages got since midnight.',
  msg_puttotal_todaymorning: 'Put counter value at midnight today.',
  msg_gettotal_todaymorning: 'Get counter value at midnight today.',
  msg_puttotal_yesterdaymorning: 'Put counter value at midnight yesterday.',
  msg_gettotal_yesterdaymorning: 'Get counter value at midnight yesterday.',
  dispatch_behind_bytes: 'Commit-log bytes not yet dispatched to consume queues.',
  dispatch_maxbuffer: 'Dispatch buffer high-water mark.',
  put_message_size_total: 'Bytes put since start.',
  put_message_average_size: 'Average put message size in bytes.',
  putmessage_times_total: 'Messages put since start.',
  putmessage_entire_time_max: 'Slowest put since start, in milliseconds.',
  getmessage_entire_time_max: 'Slowest get since start, in milliseconds.',
  pagecache_lock_time_mills: 'Time the commit-log append lock is held now, in milliseconds.',
  put_latency_99: 'Put latency 99th percentile, in milliseconds.',
  put_latency_999: 'Put latency 99.9th percentile, in milliseconds.',
  earliest_message_timestamp: 'Store time of the oldest message, ms since the epoch.',
  start_accept_sendrequest_time: 'When the broker started accepting sends, ms since the epoch.',
  remain_transientstore_buffer_numbs: 'Free transient store pool buffers.',
  remain_howmanydata_toflush: 'Commit-log bytes waiting to be flushed.',
  commitlog_disk_ratio: 'Used fraction of the commit-log disk.',
  consumequeue_disk_ratio: 'Used fraction of the consume-queue disk.',
  commitlogdir_capacity_free: 'Free bytes on the commit-log file system.',
  commitlogdir_capacity_total: 'Total bytes of the commit-log file system.',
  commitlog_maxoffset: 'Commit-log max physical offset.',
  commitlog_minoffset: 'Commit-log min physical offset.',
  send_threadpool_queue_size: 'Send requests queued.',
  send_threadpoolqueue_capacity: 'Send queue capacity.',
  send_threadpoolqueue_headwait_timemills: 'Wait of the oldest queued send, in milliseconds.',
  pull_threadpoolqueue_size: 'Pull requests queued.',
  pull_threadpoolqueue_capacity: 'Pull queue capacity.',
  pull_threadpoolqueue_headwait_timemills: 'Wait of the oldest queued pull, in milliseconds.',
  query_threadpoolqueue_size: 'Query requests queued.',
  query_threadpool_queue_capacity: 'Query queue capacity.',
  query_threadpoolqueue_headwait_timemills: 'Wait of the oldest queued query, in milliseconds.',
  pmdt_0ms: 'Puts that took 0 ms.',
  pmdt_0to10ms: 'Puts that took 0-10 ms.',
  pmdt_10to50ms: 'Puts that took 10-50 ms.',
  pmdt_50to100ms: 'Puts that took 50-100 ms.',
  pmdt_100to200ms: 'Puts that took 100-200 ms.',
  pmdt_200to500ms: 'Puts that took 200-500 ms.',
  pmdt_500to1s: 'Puts that took 500 ms-1 s.',
  pmdt_1to2s: 'Puts that took 1-2 s.',
  pmdt_2to3s: 'Puts that took 2-3 s.',
  pmdt_3to4s: 'Puts that took 3-4 s.',
  pmdt_4to5s: 'Puts that took 4-5 s.',
  pmdt_5to10s: 'Puts that took 5-10 s.',
  pmdt_10stomore: 'Puts that took over 10 s.',
} as const;

export type BrokerRuntimeSuffix = keyof typeof SCALAR_SUFFIX_HELP | TpsSuffix;

const TPS_HELP: Record<string, string> = {
  put: 'Puts per second',
  getfound: 'Gets that found messages per second',
  gettotal: 'Gets per second',
  gettransfered: 'Messages transferred to consumers per second',
  getmiss: 'Gets that found nothing per second',
};

function runtimeGauge<const Suffix extends BrokerRuntimeSuffix>(suffix: Suffix, help: string) {
  return defineMetric({
    name: `rocketmq_brokeruntime_${suffix}`,
    type: 'gauge',
    family: 'exporter',
    help: `Broker runtime (GET_BROKER_RUNTIME_INFO): ${help}`,
    labelNames: BROKER_RUNTIME_LABEL_NAMES,
    suffix,
  });
}

type BrokerRuntimeMetric = ReturnType<typeof runtimeGauge<BrokerRuntimeSuffix>>;

function tpsGauges(): BrokerRuntimeMetric[] {
  const gauges: BrokerRuntimeMetric[] = [];
  for (const [kind, help] of Object.entries(TPS_HELP)) {
    for (const window of TPS_WINDOWS) gauges.push(runtimeGauge(`${kind}_tps${window}` as TpsSuffix, `${help} over the last ${window} s.`));
  }
  return gauges;
}

/** Every rocketmq_brokeruntime_* gauge with the runtime-info suffix it reports. */
export const BROKER_RUNTIME_METRICS: readonly BrokerRuntimeMetric[] = [
  ...(Object.entries(SCALAR_SUFFIX_HELP) as [keyof typeof SCALAR_SUFFIX_HELP, string][]).map(([suffix, help]) =>
    runtimeGauge(suffix, help),
  ),
  ...tpsGauges(),
];

/** Typed lookup for dashboards: `brokerRuntimeMetric('put_tps10').name`. */
export function brokerRuntimeMetric<const Suffix extends BrokerRuntimeSuffix>(suffix: Suffix): ReturnType<typeof runtimeGauge<Suffix>> {
  const found = BROKER_RUNTIME_METRICS.find((metric) => metric.suffix === suffix);
  if (found === undefined) throw new Error(`no broker runtime metric ${suffix}`);
  return found as ReturnType<typeof runtimeGauge<Suffix>>;
}
