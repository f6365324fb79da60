import type { BrokerRuntimeSuffix } from '@rocketmq-ts/observability';

/**
 * How each rocketmq_brokeruntime_* value is read from the GET_BROKER_RUNTIME_INFO KVTable, as
 * rocketmq-exporter reads it (BrokerRuntimeStats): most keys are plain numbers; TPS keys hold
 * three windows "10s 60s 600s"; putMessageDistributeTime is a bucket list; commitLogDirCapacity
 * is "Total : X GiB, Free : Y GiB."; remainHowManyDataToFlush is "<n> B".
 */
type Table = ReadonlyMap<string, string>;
type Reader = (table: Table) => number | undefined;

function numberAt(key: string): Reader {
  return (table) => parseNumber(table.get(key));
}

function parseNumber(text: string | undefined): number | undefined {
  if (text === undefined || text.trim() === '') return undefined;
  const value = Number(text.trim().split(/\s+/)[0]);
  return Number.isFinite(value) ? value : undefined;
}

function tpsWindow(keys: readonly string[], index: number): Reader {
  return (table) => {
    for (const key of keys) {
      const windows = table.get(key)?.trim().split(/\s+/);
      const value = parseNumber(windows?.[index]);
      if (value !== undefined) return value;
    }
    return undefined;
  };
}

/** The bucket names of putMessageDistributeTime, as a broker writes them. */
type DistributionBucket =
  | '<=0ms'
  | '0~10ms'
  | '10~50ms'
  | '50~100ms'
  | '100~200ms'
  | '200~500ms'
  | '500ms~1s'
  | '1~2s'
  | '2~3s'
  | '3~4s'
  | '4~5s'
  | '5~10s'
  | '10s~';

function distributionBucket(bucket: DistributionBucket): Reader {
  return (table) => {
    const text = table.get('putMessageDistributeTime');
    if (text === undefined) return undefined;
    for (const part of text.trim().split(/\s+/)) {
      const match = /^\[(.+)\]:(\d+)$/.exec(part);
      if (match?.[1] === bucket) return Number(match[2]);
    }
    return undefined;
  };
}

const UNIT_BYTES: Readonly<Record<string, number>> = {
  B: 1,
  KiB: 2 ** 10,
  MiB: 2 ** 20,
  GiB: 2 ** 30,
  TiB: 2 ** 40,
  KB: 2 ** 10,
  MB: 2 ** 20,
  GB: 2 ** 30,
  TB: 2 ** 40,
};

function capacity(which: 'Total' | 'Free'): Reader {
  return (table) => {
    const match = new RegExp(`${which}\\s*:\\s*([\\d.]+)\\s*([KMGT]?i?B)`).exec(table.get('commitLogDirCapacity') ?? '');
    const multiplier = match?.[2] === undefined ? undefined : UNIT_BYTES[match[2]];
    return match?.[1] === undefined || multiplier === undefined ? undefined : Number(match[1]) * multiplier;
  };
}

const TPS_KEYS = {
  put: ['putTps'],
  getfound: ['getFoundTps'],
  gettotal: ['getTotalTps'],
  gettransfered: ['getTransferedTps', 'getTransferredTps'],
  getmiss: ['getMissTps'],
} as const;

function tpsReaders(): Record<string, Reader> {
  const readers: Record<string, Reader> = {};
  for (const [kind, keys] of Object.entries(TPS_KEYS)) {
    ['10', '60', '600'].forEach((window, index) => (readers[`${kind}_tps${window}`] = tpsWindow(keys, index)));
  }
  return readers;
}

export const BROKER_RUNTIME_READERS = {
  msg_put_total_today_now: numberAt('msgPutTotalTodayNow'),
  msg_gettotal_today_now: numberAt('msgGetTotalTodayNow'),
  msg_puttotal_todaymorning: numberAt('msgPutTotalTodayMorning'),
  msg_gettotal_todaymorning: numberAt('msgGetTotalTodayMorning'),
  msg_puttotal_yesterdaymorning: numberAt('msgPutTotalYesterdayMorning'),
  msg_gettotal_yesterdaymorning: numberAt('msgGetTotalYesterdayMorning'),
  dispatch_behind_bytes: numberAt('dispatchBehindBytes'),
  dispatch_maxbuffer: numberAt('dispatchMaxBuffer'),
  put_message_size_total: numberAt('putMessageSizeTotal'),
  put_message_average_size: numberAt('putMessageAverageSize'),
  putmessage_times_total: numberAt('putMessageTimesTotal'),
  putmessage_entire_time_max: numberAt('putMessageEntireTimeMax'),
  getmessage_entire_time_max: numberAt('getMessageEntireTimeMax'),
  pagecache_lock_time_mills: numberAt('pageCacheLockTimeMills'),
  put_latency_99: (table) => parseNumber(table.get('putLatency99')) ?? -1,
  put_latency_999: (table) => parseNumber(table.get('putLatency999')) ?? -1,
  earliest_message_timestamp: numberAt('earliestMessageTimeStamp'),
  start_accept_sendrequest_time: numberAt('startAcceptSendRequestTimeStamp'),
  remain_transientstore_buffer_numbs: numberAt('remainTransientStoreBufferNumbs'),
  remain_howmanydata_toflush: numberAt('remainHowManyDataToFlush'),
  commitlog_disk_ratio: numberAt('commitLogDiskRatio'),
  consumequeue_disk_ratio: numberAt('consumeQueueDiskRatio'),
  commitlogdir_capacity_free: capacity('Free'),
  commitlogdir_capacity_total: capacity('Total'),
  commitlog_maxoffset: numberAt('commitLogMaxOffset'),
  commitlog_minoffset: numberAt('commitLogMinOffset'),
  send_threadpool_queue_size: numberAt('sendThreadPoolQueueSize'),
  send_threadpoolqueue_capacity: numberAt('sendThreadPoolQueueCapacity'),
  send_threadpoolqueue_headwait_timemills: numberAt('sendThreadPoolQueueHeadWaitTimeMills'),
  pull_threadpoolqueue_size: numberAt('pullThreadPoolQueueSize'),
  pull_threadpoolqueue_capacity: numberAt('pullThreadPoolQueueCapacity'),
  pull_threadpoolqueue_headwait_timemills: numberAt('pullThreadPoolQueueHeadWaitTimeMills'),
  query_threadpoolqueue_size: numberAt('queryThreadPoolQueueSize'),
  query_threadpool_queue_capacity: numberAt('queryThreadPoolQueueCapacity'),
  query_threadpoolqueue_headwait_timemills: numberAt('queryThreadPoolQueueHeadWaitTimeMills'),
  pmdt_0ms: distributionBucket('<=0ms'),
  pmdt_0to10ms: distributionBucket('0~10ms'),
  pmdt_10to50ms: distributionBucket('10~50ms'),
  pmdt_50to100ms: distributionBucket('50~100ms'),
  pmdt_100to200ms: distributionBucket('100~200ms'),
  pmdt_200to500ms: distributionBucket('200~500ms'),
  pmdt_500to1s: distributionBucket('500ms~1s'),
  pmdt_1to2s: distributionBucket('1~2s'),
  pmdt_2to3s: distributionBucket('2~3s'),
  pmdt_3to4s: distributionBucket('3~4s'),
  pmdt_4to5s: distributionBucket('4~5s'),
  pmdt_5to10s: distributionBucket('5~10s'),
  pmdt_10stomore: distributionBucket('10s~'),
  ...tpsReaders(),
} as Readonly<Record<BrokerRuntimeSuffix, Reader>>;

/** The value of one runtime gauge, or undefined when the broker did not send the key. */
export function brokerRuntimeValue(suffix: BrokerRuntimeSuffix, table: Table): number | undefined {
  return BROKER_RUNTIME_READERS[suffix](table);
}
