import type { Builder } from '@grafana/grafana-foundation-sdk/cog';
import { DashboardBuilder, DashboardCursorSync, type VariableModel } from '@grafana/grafana-foundation-sdk/dashboard';

import { datasourceVariable } from './variables';

export interface DashboardShellOptions {
  readonly uid: string;
  readonly title: string;
  readonly description: string;
  /** Pickers after the datasource one, in display order. */
  readonly variables: readonly Builder<VariableModel>[];
}

/** What every rocketmq-ts dashboard shares: tags, refresh, time range, shared crosshair, the datasource picker. */
export function dashboardShell(options: DashboardShellOptions): DashboardBuilder {
  const dashboard = new DashboardBuilder(options.title)
    .uid(options.uid)
    .description(options.description)
    .tags(['rocketmq', 'rocketmq-ts', 'generated'])
    .refresh('30s')
    .time({ from: 'now-1h', to: 'now' })
    .timezone('browser')
    .tooltip(DashboardCursorSync.Crosshair)
    .readonly()
    .withVariable(datasourceVariable());
  for (const variable of options.variables) dashboard.withVariable(variable);
  return dashboard;
}
