/**
 * Reads the PromQL out of a Grafana dashboard JSON model (what dashboards/ writes into
 * compose/grafana/dashboards). Specs use it to check every query against the metric catalogue,
 * and the Prometheus acceptance suite to run every query of every panel. It takes plain JSON,
 * not the SDK's types, so it works on committed files as well as on freshly built models.
 */

export interface PanelQuery {
  readonly dashboardUid: string;
  readonly panelTitle: string;
  readonly refId: string;
  readonly expr: string;
}

export interface VariableQuery {
  readonly dashboardUid: string;
  readonly name: string;
  readonly query: string;
}

type JsonObject = { readonly [key: string]: unknown };

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function objects(value: unknown): JsonObject[] {
  return Array.isArray(value) ? value.filter(isObject) : [];
}

function text(value: unknown, fallback = ''): string {
  return typeof value === 'string' ? value : fallback;
}

/** Every non-row panel, rows' nested panels included (collapsed rows keep theirs inside). */
export function dashboardPanels(dashboard: unknown): JsonObject[] {
  const found: JsonObject[] = [];
  const visit = (panels: unknown): void => {
    for (const panel of objects(panels)) {
      if (panel['type'] === 'row') visit(panel['panels']);
      else found.push(panel);
    }
  };
  visit(isObject(dashboard) ? dashboard['panels'] : undefined);
  return found;
}

/** Every Prometheus target (`expr`) of every panel, in layout order. */
export function dashboardPanelQueries(dashboard: unknown): PanelQuery[] {
  const dashboardUid = isObject(dashboard) ? text(dashboard['uid']) : '';
  const queries: PanelQuery[] = [];
  for (const panel of dashboardPanels(dashboard)) {
    for (const target of objects(panel['targets'])) {
      const expr = text(target['expr']);
      if (expr !== '') queries.push({ dashboardUid, panelTitle: text(panel['title']), refId: text(target['refId']), expr });
    }
  }
  return queries;
}

/** The queries of query-type template variables (`label_values(...)` and the like). */
export function dashboardVariableQueries(dashboard: unknown): VariableQuery[] {
  if (!isObject(dashboard) || !isObject(dashboard['templating'])) return [];
  const dashboardUid = text(dashboard['uid']);
  return objects(dashboard['templating']['list'])
    .filter((variable) => variable['type'] === 'query')
    .map((variable) => {
      const query = variable['query'];
      return { dashboardUid, name: text(variable['name']), query: isObject(query) ? text(query['query']) : text(query) };
    });
}

const HISTOGRAM_SERIES_SUFFIX = /_(bucket|sum|count)$/;
const PROMQL_KEYWORDS = new Set([
  'by',
  'without',
  'on',
  'ignoring',
  'group_left',
  'group_right',
  'bool',
  'and',
  'or',
  'unless',
  'offset',
  'inf',
  'nan',
]);

/**
 * The metric names a PromQL expression reads: identifiers outside label matchers, durations and
 * strings that are not function calls or keywords. Histogram series (`_bucket`, `_sum`, `_count`)
 * are reported under their family name when `isFamily` recognises it.
 */
export function metricNamesInQuery(expr: string, isFamily: (name: string) => boolean = () => false): string[] {
  const withoutNoise = expr
    // label_values(series, label): the second argument is a label, not a metric.
    .replace(/\blabel_values\((.*),\s*\w+\s*\)\s*$/, 'label_values($1)')
    .replace(/"(?:[^"\\]|\\.)*"/g, '""')
    .replace(/\{[^}]*\}/g, '{}')
    .replace(/\[[^\]]*\]/g, '[]')
    .replace(/\b(?:by|without|on|ignoring|group_left|group_right)\s*\([^)]*\)/g, ' ');
  const names = new Set<string>();
  for (const match of withoutNoise.matchAll(/(?<![\w:.])([a-zA-Z_:][a-zA-Z0-9_:]*)(\s*\()?/g)) {
    const [, name, call] = match;
    if (name === undefined || call !== undefined || PROMQL_KEYWORDS.has(name.toLowerCase())) continue;
    const family = name.replace(HISTOGRAM_SERIES_SUFFIX, '');
    names.add(family !== name && isFamily(family) ? family : name);
  }
  return [...names];
}

/**
 * Replaces Grafana's variables so Prometheus can run a dashboard query outside Grafana:
 * `$__rate_interval` and friends become `rangeInterval`, each `$name` / `${name}` its value
 * (".*" when not given, which with `=~` matches everything, absent labels included).
 */
export function expandGrafanaVariables(expr: string, values: Readonly<Record<string, string>> = {}, rangeInterval = '1m'): string {
  return expr
    .replace(/\$__(rate_interval|interval|range)\b/g, rangeInterval)
    .replace(
      /\$\{(\w+)(?::\w+)?\}|\$(\w+)/g,
      (_whole, braced: string | undefined, bare: string | undefined) => values[(braced ?? bare) as string] ?? '.*',
    );
}
