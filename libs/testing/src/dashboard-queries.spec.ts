// The dashboard walker finds every target inside rows (open and collapsed), reads variable
// queries in both of Grafana's shapes, names the metrics a PromQL expression reads, and expands
// Grafana variables into something Prometheus accepts.
import { describe, expect, it } from 'vitest';

import { dashboardPanelQueries, dashboardVariableQueries, expandGrafanaVariables, metricNamesInQuery } from './dashboard-queries';

const DASHBOARD = {
  uid: 'd1',
  panels: [
    { type: 'row', title: 'open row', panels: [] },
    {
      type: 'timeseries',
      title: 'A',
      targets: [
        { refId: 'A', expr: 'sum(rate(x_total[1m]))' },
        { refId: 'B', expr: '' },
      ],
    },
    { type: 'row', title: 'collapsed', collapsed: true, panels: [{ type: 'stat', title: 'B', targets: [{ refId: 'A', expr: 'y' }] }] },
    { type: 'text', title: 'no targets' },
  ],
  templating: {
    list: [
      { type: 'datasource', name: 'datasource' },
      { type: 'query', name: 'cluster', query: 'label_values(up, cluster)' },
      { type: 'query', name: 'g', query: { query: 'label_values(z, group)' } },
    ],
  },
};

describe('Observability > Grafana dashboard queries', () => {
  it('walks panels inside rows and skips empty targets', () => {
    expect(dashboardPanelQueries(DASHBOARD)).toEqual([
      { dashboardUid: 'd1', panelTitle: 'A', refId: 'A', expr: 'sum(rate(x_total[1m]))' },
      { dashboardUid: 'd1', panelTitle: 'B', refId: 'A', expr: 'y' },
    ]);
    expect(dashboardPanelQueries('not a dashboard')).toEqual([]);
  });

  it('reads query variables in string and object form', () => {
    expect(dashboardVariableQueries(DASHBOARD).map((variable) => [variable.name, variable.query])).toEqual([
      ['cluster', 'label_values(up, cluster)'],
      ['g', 'label_values(z, group)'],
    ]);
  });

  it('names the metrics of an expression, histogram series under their family', () => {
    const expr =
      'histogram_quantile(0.99, sum by (le, topic) (rate(rocketmq_send_latency_milliseconds_bucket{topic=~"$topic", x="a b"}[$__rate_interval]))) ' +
      '/ on (topic) group_left sum without (queueid) (rocketmq_group_diff{group=~"$group"}) > bool 0 or vector(0) offset 5m';
    expect(metricNamesInQuery(expr, (name) => name === 'rocketmq_send_latency_milliseconds').sort()).toEqual([
      'rocketmq_group_diff',
      'rocketmq_send_latency_milliseconds',
    ]);
    expect(metricNamesInQuery('rocketmq_send_latency_milliseconds_count')).toEqual(['rocketmq_send_latency_milliseconds_count']);
    expect(metricNamesInQuery('label_values(rocketmq_broker_up{cluster=~"$cluster"}, broker)')).toEqual(['rocketmq_broker_up']);
  });

  it('expands Grafana variables for a direct Prometheus query', () => {
    expect(expandGrafanaVariables('rate(m{cluster=~"$cluster",group=~"${group}"}[$__rate_interval])', { group: 'G1' })).toBe(
      'rate(m{cluster=~".*",group=~"G1"}[1m])',
    );
  });
});
