// The dashboard check the Prometheus suites share (observability-e2e on processes, compose-e2e on
// the container stack): every query of every panel and variable of every committed dashboard
// (compose/grafana/dashboards) must read only catalogued metrics and return data. A suite with no
// load-test runner scraped leaves the queries that read it out (`leaveOut`).
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

import { at } from '@rocketmq-ts/base';
import { METRICS } from '@rocketmq-ts/observability';

import {
  dashboardPanelQueries,
  dashboardVariableQueries,
  expandGrafanaVariables,
  metricNamesInQuery,
  type PanelQuery,
} from './dashboard-queries';
import type { PrometheusApi } from './prometheus-api';
import { WORKSPACE_ROOT } from './workspace-paths';

const catalogue: ReadonlyMap<string, { readonly type: string; readonly family?: string }> = new Map(Object.entries(METRICS));
const isHistogram = (name: string): boolean => catalogue.get(name)?.type === 'histogram';

/** The generated dashboards as committed (what Grafana provisions), by file name. */
export function committedDashboards(): unknown[] {
  const dir = join(WORKSPACE_ROOT, 'compose/grafana/dashboards');
  return readdirSync(dir)
    .filter((file) => file.endsWith('.json'))
    .sort()
    .map((file) => JSON.parse(readFileSync(join(dir, file), 'utf8')) as unknown);
}

/** Whether a query reads the load-test runner's metrics (loadtest_*), which only a running scenario serves. */
export function readsLoadTest(expr: string): boolean {
  return metricNamesInQuery(expr, isHistogram).some((name) => name.startsWith('loadtest_'));
}

/** Metrics a query reads that the catalogue does not know: a typo would otherwise pass as "no data yet". */
function uncatalogued(expr: string): string[] {
  return metricNamesInQuery(expr, isHistogram)
    .filter((name) => !catalogue.has(name))
    .map((name) => `${name} in ${expr}`);
}

export interface PanelCheck {
  /** `dashboard / panel / refId: expr` of every checked query that returned no series. */
  readonly empty: string[];
  readonly uncatalogued: string[];
  readonly checked: PanelQuery[];
  readonly leftOut: PanelQuery[];
}

/** Runs every panel query (Grafana variables expanded to match-all, $__rate_interval as `rateWindow`) but those `leaveOut` picks. */
export async function checkPanelQueries(
  prometheus: PrometheusApi,
  dashboards: readonly unknown[],
  rateWindow: string,
  leaveOut: (expr: string) => boolean = () => false,
): Promise<PanelCheck> {
  const check: PanelCheck = { empty: [], uncatalogued: [], checked: [], leftOut: [] };
  for (const query of dashboards.flatMap((dashboard) => dashboardPanelQueries(dashboard))) {
    check.uncatalogued.push(...uncatalogued(query.expr));
    if (leaveOut(query.expr)) {
      check.leftOut.push(query);
      continue;
    }
    check.checked.push(query);
    const result = await prometheus.query(expandGrafanaVariables(query.expr, {}, rateWindow));
    if (result.length === 0) check.empty.push(`${query.dashboardUid} / ${query.panelTitle} / ${query.refId}: ${query.expr}`);
  }
  return check;
}

/**
 * `dashboard $variable` of every label_values() variable (but those `leaveOut` picks) that lists no value, reads an
 * uncatalogued metric, or is not label_values().
 */
export async function variablesWithoutValues(
  prometheus: PrometheusApi,
  dashboards: readonly unknown[],
  leaveOut: (expr: string) => boolean = () => false,
): Promise<string[]> {
  const failing: string[] = [];
  for (const variable of dashboards.flatMap((dashboard) => dashboardVariableQueries(dashboard))) {
    failing.push(...uncatalogued(variable.query));
    if (leaveOut(variable.query)) continue;
    const match = /^label_values\((.*),\s*(\w+)\)$/.exec(variable.query);
    const values =
      match === null
        ? []
        : await prometheus.labelValues(at(match, 2, 'label group'), expandGrafanaVariables(at(match, 1, 'selector group')));
    if (values.length === 0) failing.push(`${variable.dashboardUid} $${variable.name}: ${variable.query}`);
  }
  return failing;
}
