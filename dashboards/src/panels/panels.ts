import {
  BigValueGraphMode,
  LegendDisplayMode,
  LegendPlacement,
  ReduceDataOptionsBuilder,
  VizLegendOptionsBuilder,
} from '@grafana/grafana-foundation-sdk/common';
import type { DataSourceRef } from '@grafana/grafana-foundation-sdk/dashboard';
import { DataqueryBuilder } from '@grafana/grafana-foundation-sdk/prometheus';
import { PanelBuilder as StatPanelBuilder } from '@grafana/grafana-foundation-sdk/stat';
import { PanelBuilder as TimeseriesPanelBuilder } from '@grafana/grafana-foundation-sdk/timeseries';

/** Every query follows the dashboard's Prometheus picker (the `datasource` variable). */
export const PROMETHEUS: DataSourceRef = { type: 'prometheus', uid: '${datasource}' };

/** Grafana unit ids used here; `suffix:` units print the text after the number. */
export const Unit = {
  messagesPerSecond: 'suffix: msg/s',
  messages: 'short',
  bytes: 'bytes',
  bytesPerSecond: 'Bps',
  milliseconds: 'ms',
  seconds: 's',
  ratio: 'percentunit',
  count: 'short',
} as const;
export type Unit = (typeof Unit)[keyof typeof Unit];

export interface PanelQuery {
  readonly expr: string;
  /** Series name in the legend, with `{{label}}` placeholders. */
  readonly legend: string;
}

export interface PanelOptions {
  readonly title: string;
  readonly description: string;
  readonly unit: Unit;
  readonly queries: readonly PanelQuery[];
  /** Width out of 24 (default 12) and height in grid rows (default 8). */
  readonly span?: number;
  readonly height?: number;
}

/** Fixed refIds (A, B, …) keep file-provisioned dashboards stable across Grafana loads. */
function targets(queries: readonly PanelQuery[]): DataqueryBuilder[] {
  if (queries.length === 0) throw new Error('a panel needs at least one query');
  return queries.map((query, index) =>
    new DataqueryBuilder()
      .datasource(PROMETHEUS)
      .expr(query.expr)
      .legendFormat(query.legend)
      .range()
      .refId(String.fromCharCode(65 + index)),
  );
}

export function timeseries(options: PanelOptions): TimeseriesPanelBuilder {
  const panel = new TimeseriesPanelBuilder()
    .title(options.title)
    .description(options.description)
    .datasource(PROMETHEUS)
    .unit(options.unit)
    .min(0)
    .fillOpacity(10)
    .span(options.span ?? 12)
    .height(options.height ?? 8)
    .legend(
      new VizLegendOptionsBuilder()
        .showLegend(true)
        .displayMode(LegendDisplayMode.Table)
        .placement(LegendPlacement.Bottom)
        .calcs(['lastNotNull', 'max']),
    );
  for (const target of targets(options.queries)) panel.withTarget(target);
  return panel;
}

export function stat(options: PanelOptions): StatPanelBuilder {
  const panel = new StatPanelBuilder()
    .title(options.title)
    .description(options.description)
    .datasource(PROMETHEUS)
    .unit(options.unit)
    .graphMode(BigValueGraphMode.Area)
    .reduceOptions(new ReduceDataOptionsBuilder().calcs(['lastNotNull']))
    .span(options.span ?? 6)
    .height(options.height ?? 4);
  for (const target of targets(options.queries)) panel.withTarget(target);
  return panel;
}
