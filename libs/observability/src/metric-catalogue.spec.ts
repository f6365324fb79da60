// The catalogue is the contract with dashboards and the exporter: every entry must be a valid,
// unique Prometheus name with legal label names; our own names carry their unit; the exporter
// family keeps rocketmq-exporter's names and label sets exactly.
import { describe, expect, it } from 'vitest';

import {
  brokerRuntimeMetric,
  indexMetricsByName,
  LATENCY_BUCKETS_MS,
  METRIC_CATALOGUE,
  METRIC_DEFINITIONS,
  METRICS,
  NODE_LABEL_NAMES,
  ROCKETMQ_EXPORTER_METRICS,
} from './metric-catalogue';

const METRIC_NAME = /^[a-z_][a-z0-9_]*$/;
const LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*$/;
const UNIT_SUFFIX = /_(milliseconds|seconds|bytes|ratio)(_total)?$/;
const ROCKETMQ_EXPORTER_NAMES = new Set(ROCKETMQ_EXPORTER_METRICS.map((definition) => definition.name));

/** rocketmq-exporter's metric names at e1ab2dd (RMQMetricsCollector), minus the ones we cannot fill (see below). */
const UPSTREAM_NAMES = `rocketmq_broker_commitlog_diff rocketmq_broker_qps rocketmq_broker_tps rocketmq_brokeruntime_commitlog_disk_ratio
rocketmq_brokeruntime_commitlog_maxoffset rocketmq_brokeruntime_commitlog_minoffset rocketmq_brokeruntime_commitlogdir_capacity_free
rocketmq_brokeruntime_commitlogdir_capacity_total rocketmq_brokeruntime_consumequeue_disk_ratio rocketmq_brokeruntime_dispatch_behind_bytes
rocketmq_brokeruntime_dispatch_maxbuffer rocketmq_brokeruntime_earliest_message_timestamp rocketmq_brokeruntime_getfound_tps10
rocketmq_brokeruntime_getfound_tps60 rocketmq_brokeruntime_getfound_tps600 rocketmq_brokeruntime_getmessage_entire_time_max
rocketmq_brokeruntime_getmiss_tps10 rocketmq_brokeruntime_getmiss_tps60 rocketmq_brokeruntime_getmiss_tps600 rocketmq_brokeruntime_gettotal_tps10
rocketmq_brokeruntime_gettotal_tps60 rocketmq_brokeruntime_gettotal_tps600 rocketmq_brokeruntime_gettransfered_tps10
rocketmq_brokeruntime_gettransfered_tps60 rocketmq_brokeruntime_gettransfered_tps600 rocketmq_brokeruntime_msg_gettotal_today_now
rocketmq_brokeruntime_msg_gettotal_todaymorning rocketmq_brokeruntime_msg_gettotal_yesterdaymorning rocketmq_brokeruntime_msg_put_total_today_now
rocketmq_brokeruntime_msg_puttotal_todaymorning rocketmq_brokeruntime_msg_puttotal_yesterdaymorning rocketmq_brokeruntime_pagecache_lock_time_mills
rocketmq_brokeruntime_pmdt_0ms rocketmq_brokeruntime_pmdt_0to10ms rocketmq_brokeruntime_pmdt_100to200ms rocketmq_brokeruntime_pmdt_10stomore
rocketmq_brokeruntime_pmdt_10to50ms rocketmq_brokeruntime_pmdt_1to2s rocketmq_brokeruntime_pmdt_200to500ms rocketmq_brokeruntime_pmdt_2to3s
rocketmq_brokeruntime_pmdt_3to4s rocketmq_brokeruntime_pmdt_4to5s rocketmq_brokeruntime_pmdt_500to1s rocketmq_brokeruntime_pmdt_50to100ms
rocketmq_brokeruntime_pmdt_5to10s rocketmq_brokeruntime_pull_threadpoolqueue_capacity rocketmq_brokeruntime_pull_threadpoolqueue_headwait_timemills
rocketmq_brokeruntime_pull_threadpoolqueue_size rocketmq_brokeruntime_put_latency_99 rocketmq_brokeruntime_put_latency_999
rocketmq_brokeruntime_put_message_average_size rocketmq_brokeruntime_put_message_size_total rocketmq_brokeruntime_put_tps10
rocketmq_brokeruntime_put_tps60 rocketmq_brokeruntime_put_tps600 rocketmq_brokeruntime_putmessage_entire_time_max
rocketmq_brokeruntime_putmessage_times_total rocketmq_brokeruntime_query_threadpool_queue_capacity
rocketmq_brokeruntime_query_threadpoolqueue_headwait_timemills rocketmq_brokeruntime_query_threadpoolqueue_size
rocketmq_brokeruntime_remain_howmanydata_toflush rocketmq_brokeruntime_remain_transientstore_buffer_numbs
rocketmq_brokeruntime_send_threadpool_queue_size rocketmq_brokeruntime_send_threadpoolqueue_capacity
rocketmq_brokeruntime_send_threadpoolqueue_headwait_timemills rocketmq_brokeruntime_start_accept_sendrequest_time
rocketmq_consumer_message_size rocketmq_consumer_offset rocketmq_consumer_tps rocketmq_group_count rocketmq_group_diff rocketmq_group_dlqdiff
rocketmq_group_get_latency_by_storetime rocketmq_group_retrydiff rocketmq_producer_message_size rocketmq_producer_offset rocketmq_producer_tps
rocketmq_send_back_nums rocketmq_topic_dlq_offset rocketmq_topic_retry_offset`.split(/\s+/);
// Not carried: rocketmq_client_* (needs GET_CONSUMER_RUNNING_INFO forwarded to clients), rocketmq_producer_count
// (GET_ALL_PRODUCER_INFO), rocketmq_group_consume_tps / _total_offset (declared upstream but never filled).

describe('Observability > metric catalogue', () => {
  it('keys every entry by its own exposition name and keeps the role-keyed registry entries', () => {
    for (const [key, definition] of Object.entries(METRICS)) expect(definition.name).toBe(key);
    expect(METRIC_CATALOGUE.remotingRequestsTotal).toBe(METRICS.rocketmq_remoting_requests_total);
    expect(METRIC_CATALOGUE.namesrvTopics.name).toBe('rocketmq_namesrv_topics');
    expect(brokerRuntimeMetric('put_tps10').name).toBe('rocketmq_brokeruntime_put_tps10');
  });

  it('has unique names and refuses a duplicate', () => {
    const names = METRIC_DEFINITIONS.map((definition) => definition.name);
    expect(new Set(names).size).toBe(names.length);
    expect(() => indexMetricsByName([METRICS.rocketmq_group_diff, METRICS.rocketmq_group_diff])).toThrow(
      'rocketmq_group_diff is defined twice',
    );
  });

  it.each(METRIC_DEFINITIONS.map((definition) => [definition.name, definition] as const))(
    '%s has a legal name, labels and help',
    (_name, definition) => {
      expect(definition.name).toMatch(METRIC_NAME);
      expect(definition.help.length).toBeGreaterThan(10);
      expect(new Set(definition.labelNames).size).toBe(definition.labelNames.length);
      for (const label of definition.labelNames) {
        expect(label).toMatch(LABEL_NAME);
        expect(label.startsWith('__')).toBe(false);
        expect(['le', 'quantile']).not.toContain(label);
      }
      // Apps stamp the node labels on every series of theirs; an entry of theirs may not declare one too.
      if (definition.family !== 'exporter') for (const label of NODE_LABEL_NAMES) expect(definition.labelNames).not.toContain(label);
      if (definition.type === 'counter') expect(definition.name.endsWith('_total')).toBe(true);
      if (definition.family === 'runtime') expect(definition.createdBy).toBe('prom-client-defaults');
      else if (definition.family === 'loadtest')
        expect(definition.name.startsWith('loadtest_') && definition.createdBy === undefined).toBe(true);
      else expect(definition.name.startsWith('rocketmq_')).toBe(true);
    },
  );

  it.each(
    METRIC_DEFINITIONS.filter((definition) => definition.type === 'histogram' && definition.createdBy === undefined).map(
      (definition) => [definition.name, definition] as const,
    ),
  )('%s (histogram) states its unit and has ascending buckets', (_name, definition) => {
    expect(definition.name).toMatch(UNIT_SUFFIX);
    const buckets = definition.buckets ?? [];
    expect(buckets.length).toBeGreaterThan(3);
    for (let index = 1; index < buckets.length; index++) expect(buckets[index]).toBeGreaterThan(buckets[index - 1] as number);
  });

  it('spans 0.1 ms to 5 s with the shared latency buckets', () => {
    expect(LATENCY_BUCKETS_MS[0]).toBe(0.1);
    expect(LATENCY_BUCKETS_MS[LATENCY_BUCKETS_MS.length - 1]).toBe(5_000);
  });

  it('carries rocketmq-exporter names exactly, and nothing else under the rocketmq-exporter flag', () => {
    expect([...ROCKETMQ_EXPORTER_NAMES].sort()).toEqual([...UPSTREAM_NAMES].sort());
    expect(ROCKETMQ_EXPORTER_METRICS.every((definition) => definition.family === 'exporter' && definition.type === 'gauge')).toBe(true);
  });

  it('keeps rocketmq-exporter label sets in its order', () => {
    expect(METRICS.rocketmq_group_diff.labelNames).toEqual(['group', 'topic', 'countOfOnlineConsumers', 'msgModel']);
    expect(METRICS.rocketmq_broker_tps.labelNames).toEqual(['cluster', 'brokerIP', 'broker']);
    expect(METRICS.rocketmq_producer_tps.labelNames).toEqual(['cluster', 'broker', 'topic']);
    expect(METRICS.rocketmq_consumer_tps.labelNames).toEqual(['cluster', 'broker', 'topic', 'group']);
    expect(METRICS.rocketmq_topic_dlq_offset.labelNames).toEqual(['cluster', 'broker', 'group']);
    expect(METRICS.rocketmq_group_count.labelNames).toEqual(['caddr', 'localaddr', 'group']);
    expect(brokerRuntimeMetric('commitlog_maxoffset').labelNames).toEqual([
      'cluster',
      'brokerIP',
      'brokerHost',
      'des',
      'boottime',
      'broker_version',
    ]);
  });

  it('lists the additions rocketmq-exporter users ask for', () => {
    expect(METRICS.rocketmq_group_queue_diff.labelNames).toEqual(['cluster', 'broker', 'topic', 'group', 'queueid']);
    expect(METRICS.rocketmq_namesrv_up.labelNames).toEqual(['namesrv']);
    expect(METRICS.rocketmq_broker_up.labelNames).toEqual(['cluster', 'brokerIP', 'broker']);
  });
});
