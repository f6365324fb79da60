// The PromQL builders filter by exactly the pickers a metric's labels allow, check labels against
// the catalogue, and refuse the wrong function for a metric type.
import { describe, expect, it } from 'vitest';

import { METRICS } from '@rocketmq-ts/observability';

import { gauge, orZero, quantile, rate, sumBy } from './promql';
import { selector } from './selectors';

describe('Dashboards > PromQL builders', () => {
  it('filters exporter series by their own labels and broker series by node labels', () => {
    expect(gauge(METRICS.rocketmq_group_diff)).toBe('rocketmq_group_diff{group=~"$group",topic=~"$topic"}');
    expect(gauge(METRICS.rocketmq_producer_tps)).toBe('rocketmq_producer_tps{cluster=~"$cluster",broker=~"$broker",topic=~"$topic"}');
    expect(rate(METRICS.rocketmq_messages_in_total)).toBe(
      'rate(rocketmq_messages_in_total{topic=~"$topic",cluster=~"$cluster",node_id=~"$broker"}[$__rate_interval])',
    );
    expect(gauge(METRICS.nodejs_heap_size_used_bytes, { node_type: 'broker' })).toBe(
      'nodejs_heap_size_used_bytes{cluster=~"$cluster",node_id=~"$broker",node_type="broker"}',
    );
    expect(gauge(METRICS.rocketmq_namesrv_topics)).toBe('rocketmq_namesrv_topics{cluster=~"$cluster"}');
    expect(selector(METRICS.rocketmq_broker_up, {}, { withoutPickers: ['broker'] })).toBe('rocketmq_broker_up{cluster=~"$cluster"}');
  });

  it('builds percentiles from buckets and aggregations by checked labels', () => {
    expect(quantile(0.99, METRICS.rocketmq_send_latency_milliseconds, ['node_id'])).toBe(
      'histogram_quantile(0.99, sum by (le, node_id) (rate(rocketmq_send_latency_milliseconds_bucket{cluster=~"$cluster",node_id=~"$broker"}[$__rate_interval])))',
    );
    expect(sumBy(METRICS.rocketmq_group_diff, ['group'], 'x')).toBe('sum by (group) (x)');
    expect(orZero('x')).toBe('(x) or vector(0)');
    expect(rate(METRICS.rocketmq_remoting_requests_total, { response_code: '!~0|none' })).toContain('response_code!~"0|none"');
  });

  it('throws on a label the metric lacks or the wrong function for its type', () => {
    expect(() => sumBy(METRICS.rocketmq_group_diff, ['queueid'], 'x')).toThrow('rocketmq_group_diff has no label queueid');
    expect(() => rate(METRICS.rocketmq_group_diff)).toThrow('is a gauge, not a counter');
    expect(() => gauge(METRICS.rocketmq_send_latency_milliseconds)).toThrow('use quantile()');
    expect(() => quantile(0.5, METRICS.rocketmq_messages_in_total)).toThrow('not a histogram');
  });
});
