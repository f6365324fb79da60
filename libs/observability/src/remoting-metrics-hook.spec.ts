// The remoting metrics hook counts requests by code and response code ("none" when no reply) and
// observes latency by code, and caps distinct code labels so peers cannot grow series unboundedly.
import { describe, expect, it } from 'vitest';

import { METRIC_CATALOGUE } from './metric-catalogue';
import { createMetricsRegistry } from './metrics-registry';
import { createRemotingMetricsHook } from './remoting-metrics-hook';

function setup(maxDistinctCodes?: number) {
  const { registry, metrics } = createMetricsRegistry(
    { requestsTotal: METRIC_CATALOGUE.remotingRequestsTotal, latency: METRIC_CATALOGUE.remotingRequestLatencyMilliseconds },
    { collectDefaultMetrics: false },
  );
  const hook = createRemotingMetricsHook({
    requestsTotal: metrics.requestsTotal,
    requestLatencyMilliseconds: metrics.latency,
    maxDistinctCodes,
  });
  return { registry, hook };
}

describe('Observability > remoting metrics hook', () => {
  it('counts by code and response code and observes latency by code', async () => {
    const { registry, hook } = setup();
    hook.afterResponse({ code: 105 }, { code: 0 }, 0.2);
    hook.afterResponse({ code: 105 }, { code: 0 }, 3);
    hook.afterResponse({ code: 105 }, { code: 17 }, 1);
    hook.afterResponse({ code: 15 }, undefined, 0.05);
    const text = await registry.metrics();
    expect(text).toContain('rocketmq_remoting_requests_total{code="105",response_code="0"} 2');
    expect(text).toContain('rocketmq_remoting_requests_total{code="105",response_code="17"} 1');
    expect(text).toContain('rocketmq_remoting_requests_total{code="15",response_code="none"} 1');
    expect(text).toContain('rocketmq_remoting_request_latency_milliseconds_count{code="105"} 3');
    expect(text).toContain('rocketmq_remoting_request_latency_milliseconds_sum{code="105"} 4.2');
  });

  it('folds codes past maxDistinctCodes into code="other"', async () => {
    const { registry, hook } = setup(2);
    for (const code of [1, 2, 3, 4, 1]) hook.afterResponse({ code }, { code: 3 }, 1);
    const text = await registry.metrics();
    expect(text).toContain('rocketmq_remoting_requests_total{code="1",response_code="3"} 2');
    expect(text).toContain('rocketmq_remoting_requests_total{code="other",response_code="3"} 2');
    expect(text).not.toMatch(/[{,]code="[34]"/);
  });
});
