import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';

import type { Dashboard } from '@grafana/grafana-foundation-sdk/dashboard';

import { brokerHealthDashboard } from './dashboards/broker-health';
import { clusterOverviewDashboard } from './dashboards/cluster-overview';
import { consumerLagDashboard } from './dashboards/consumer-lag';
import { loadTestDashboard } from './dashboards/load-test';
import { DASHBOARD_PROVIDER_YAML, DATASOURCE_YAML } from './provisioning';

/** Where Grafana provisioning reads from, relative to the workspace root. */
export const GRAFANA_DIR = 'compose/grafana';

export interface GeneratedFile {
  /** Relative to the workspace root. */
  readonly path: string;
  readonly content: string;
}

/** Every dashboard model, built fresh. */
export function buildDashboards(): Dashboard[] {
  return [clusterOverviewDashboard(), consumerLagDashboard(), brokerHealthDashboard(), loadTestDashboard()].map((builder) =>
    withPanelIds(builder.build()),
  );
}

/** Fixed panel ids in layout order: Grafana would number them on load, differently after each edit of the code. */
function withPanelIds(dashboard: Dashboard): Dashboard {
  let next = 1;
  for (const panel of dashboard.panels ?? []) {
    panel.id = next++;
    if ('panels' in panel) for (const nested of panel.panels) nested.id = next++;
  }
  return dashboard;
}

/** The files `generate` writes and `check` compares: one JSON per dashboard plus the two provisioning files. */
export function renderGrafanaFiles(): GeneratedFile[] {
  const dashboards = buildDashboards().map((dashboard) => ({
    path: `${GRAFANA_DIR}/dashboards/${dashboard.uid ?? 'unnamed'}.json`,
    content: `${JSON.stringify(dashboard, null, 2)}\n`,
  }));
  return [
    ...dashboards,
    { path: `${GRAFANA_DIR}/provisioning/dashboards/rocketmq.yaml`, content: DASHBOARD_PROVIDER_YAML },
    { path: `${GRAFANA_DIR}/provisioning/datasources/prometheus.yaml`, content: DATASOURCE_YAML },
  ];
}

export function writeGrafanaFiles(workspaceRoot: string): GeneratedFile[] {
  const files = renderGrafanaFiles();
  for (const file of files) {
    mkdirSync(dirname(join(workspaceRoot, file.path)), { recursive: true });
    writeFileSync(join(workspaceRoot, file.path), file.content);
  }
  return files;
}

/** The generated files whose committed copy is missing or different. */
export function staleGrafanaFiles(workspaceRoot: string): string[] {
  return renderGrafanaFiles()
    .filter((file) => {
      try {
        return readFileSync(join(workspaceRoot, file.path), 'utf8') !== file.content;
      } catch {
        return true;
      }
    })
    .map((file) => file.path);
}
