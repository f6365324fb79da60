// The committed compose/grafana files must be exactly what the code generates: a metric renamed in
// the catalogue, or a panel edited in code, fails here (and so in CI's `npm test`) until
// `nx run dashboards:generate` is run and its output committed.
import { resolve } from 'node:path';

import { describe, expect, it } from 'vitest';

import { renderGrafanaFiles, staleGrafanaFiles } from './render';

const WORKSPACE_ROOT = resolve(__dirname, '../..');

describe('Dashboards > generated files', () => {
  it('matches the committed compose/grafana files', () => {
    expect(staleGrafanaFiles(WORKSPACE_ROOT), 'run `npx nx run dashboards:generate` and commit compose/grafana').toEqual([]);
  });

  it('renders deterministically: four dashboards and two provisioning files', () => {
    const first = renderGrafanaFiles();
    expect(renderGrafanaFiles()).toEqual(first);
    expect(first.map((file) => file.path).sort()).toEqual([
      'compose/grafana/dashboards/rocketmq-broker-health.json',
      'compose/grafana/dashboards/rocketmq-cluster-overview.json',
      'compose/grafana/dashboards/rocketmq-consumer-lag.json',
      'compose/grafana/dashboards/rocketmq-load-test.json',
      'compose/grafana/provisioning/dashboards/rocketmq.yaml',
      'compose/grafana/provisioning/datasources/prometheus.yaml',
    ]);
  });
});
