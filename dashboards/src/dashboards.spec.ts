// Walks every panel of every dashboard (with the walker the Prometheus acceptance suite reuses)
// and checks what Grafana cannot: each panel has queries, each query reads only catalogue
// metrics with labels they have, and uses only variables its dashboard defines.
import { describe, expect, it } from 'vitest';

import { type MetricName, METRICS } from '@rocketmq-ts/observability';
import { dashboardPanelQueries, dashboardPanels, dashboardVariableQueries, metricNamesInQuery } from '@rocketmq-ts/testing';

import { buildDashboards } from './render';

const dashboards = buildDashboards();
const catalogue: ReadonlyMap<string, { readonly type: string }> = new Map(Object.entries(METRICS));
const isHistogram = (name: string): boolean => catalogue.get(name)?.type === 'histogram';

function variablesUsed(expr: string): string[] {
  return [...expr.matchAll(/\$\{?(\w+)/g)].map((match) => match[1] as string).filter((name) => !name.startsWith('__'));
}

describe('Dashboards > every panel query', () => {
  it('builds four dashboards with unique uids and the pickers the issue asks for', () => {
    expect(dashboards.map((dashboard) => dashboard.uid)).toEqual([
      'rocketmq-cluster-overview',
      'rocketmq-consumer-lag',
      'rocketmq-broker-health',
      'rocketmq-load-test',
    ]);
    for (const dashboard of dashboards) {
      const names = (dashboard.templating?.list ?? []).map((variable) => variable.name);
      expect(names, dashboard.uid).toEqual(expect.arrayContaining(['datasource', 'cluster', 'broker']));
    }
    const allNames = dashboards.flatMap((dashboard) => (dashboard.templating?.list ?? []).map((variable) => variable.name));
    expect(allNames).toEqual(expect.arrayContaining(['topic', 'group', 'testid']));
  });

  it.each(dashboards.map((dashboard) => [dashboard.uid ?? '', dashboard] as const))(
    '%s: every panel has queries on the picked datasource with fixed refIds',
    (_uid, dashboard) => {
      const panels = dashboardPanels(dashboard);
      expect(panels.length).toBeGreaterThan(5);
      for (const panel of panels) {
        const targets = Array.isArray(panel['targets']) ? (panel['targets'] as { refId?: string }[]) : [];
        expect(targets.length, String(panel['title'])).toBeGreaterThan(0);
        expect(new Set(targets.map((target) => target.refId)).size, String(panel['title'])).toBe(targets.length);
        expect(panel['datasource']).toEqual({ type: 'prometheus', uid: '${datasource}' });
      }
      const ids = panels.map((panel) => panel['id']);
      expect(new Set(ids).size).toBe(ids.length);
    },
  );

  it.each(dashboards.map((dashboard) => [dashboard.uid ?? '', dashboard] as const))(
    '%s: queries read only catalogue metrics and defined variables',
    (_uid, dashboard) => {
      const defined = new Set((dashboard.templating?.list ?? []).map((variable) => variable.name));
      const queries = [
        ...dashboardPanelQueries(dashboard).map((query) => query.expr),
        ...dashboardVariableQueries(dashboard).map((variable) => variable.query),
      ];
      expect(queries.length).toBeGreaterThan(5);
      for (const expr of queries) {
        const names = metricNamesInQuery(expr, isHistogram);
        expect(names.length, expr).toBeGreaterThan(0);
        for (const name of names) expect(catalogue.has(name), `${name} in ${expr}`).toBe(true);
        for (const variable of variablesUsed(expr)) expect(defined.has(variable), `$${variable} in ${expr}`).toBe(true);
      }
    },
  );

  it('reads the lag, up and throughput metrics the issue names', () => {
    const used = new Set(
      dashboards.flatMap((dashboard) => dashboardPanelQueries(dashboard).flatMap((query) => metricNamesInQuery(query.expr, isHistogram))),
    );
    const expected: MetricName[] = [
      'rocketmq_group_diff',
      'rocketmq_group_queue_diff',
      'rocketmq_group_get_latency_by_storetime',
      'rocketmq_broker_tps',
      'rocketmq_producer_tps',
      'rocketmq_consumer_tps',
      'rocketmq_broker_up',
      'rocketmq_send_latency_milliseconds',
      'rocketmq_storage_flush_latency_milliseconds',
      'rocketmq_ha_replication_lag_bytes',
      'rocketmq_long_polling_held_requests',
      'nodejs_eventloop_lag_seconds',
      'nodejs_heap_size_used_bytes',
      'loadtest_messages_sent_total',
      'loadtest_send_latency_milliseconds',
      'loadtest_consumer_lag_messages',
    ];
    for (const name of expected) expect(used, name).toContain(name);
  });
});
