// A Prometheus server's HTTP API as the e2e suites read it: instant queries, label values, scrape
// targets and alerts. The server may be a child process (observability-e2e) or a container
// (compose-e2e); only its base URL matters here.

export interface PrometheusSeries {
  readonly metric: Readonly<Record<string, string>>;
  readonly value: readonly [number, string];
}

export interface PrometheusTarget {
  readonly labels: Readonly<Record<string, string>>;
  readonly scrapeUrl: string;
  readonly health: 'up' | 'down' | 'unknown';
  readonly lastError: string;
}

export interface PrometheusAlert {
  readonly labels: Readonly<Record<string, string>>;
  readonly state: 'pending' | 'firing';
}

export interface PrometheusRule {
  readonly name: string;
  readonly type: 'alerting' | 'recording';
  /** "ok" once evaluated without error; "err" with lastError when the expression fails. */
  readonly health: string;
  readonly lastError?: string;
}

interface ApiAnswer<T> {
  readonly status: string;
  readonly error?: string;
  readonly data?: T;
}

export class PrometheusApi {
  constructor(readonly baseUrl: string) {}

  /** An instant query; throws on a PromQL error so a malformed dashboard query fails loudly. */
  async query(expr: string): Promise<PrometheusSeries[]> {
    const response = await fetch(`${this.baseUrl}/api/v1/query`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ query: expr }),
    });
    const data = await this.data<{ resultType: string; result: PrometheusSeries[] }>(response, expr);
    if (data.resultType !== 'vector') throw new Error(`expected an instant vector from ${expr}, got ${data.resultType}`);
    return data.result;
  }

  /** Values of `label` over the series `match` selects, as a label_values() variable would list them. */
  async labelValues(label: string, match: string): Promise<string[]> {
    const response = await fetch(`${this.baseUrl}/api/v1/label/${label}/values?${new URLSearchParams({ 'match[]': match })}`);
    const payload = (await response.json()) as ApiAnswer<string[]>;
    return payload.data ?? [];
  }

  /** Up/down of every scrape target, by job (the last target of a job wins: one target per job here). */
  async targetsUp(): Promise<Map<string, boolean>> {
    const series = await this.query('up');
    return new Map(series.map((entry) => [entry.metric['job'] ?? '', entry.value[1] === '1']));
  }

  /** Every active scrape target with its health, from /api/v1/targets. */
  async targets(): Promise<PrometheusTarget[]> {
    const response = await fetch(`${this.baseUrl}/api/v1/targets?state=active`);
    return (await this.data<{ activeTargets: PrometheusTarget[] }>(response, 'targets')).activeTargets;
  }

  /** Pending and firing alerts, from /api/v1/alerts (a resolved alert is no longer listed). */
  async alerts(): Promise<PrometheusAlert[]> {
    const response = await fetch(`${this.baseUrl}/api/v1/alerts`);
    return (await this.data<{ alerts: PrometheusAlert[] }>(response, 'alerts')).alerts;
  }

  /** Every loaded rule, from /api/v1/rules (groups flattened). */
  async rules(): Promise<PrometheusRule[]> {
    const response = await fetch(`${this.baseUrl}/api/v1/rules`);
    return (await this.data<{ groups: Array<{ rules: PrometheusRule[] }> }>(response, 'rules')).groups.flatMap((group) => group.rules);
  }

  private async data<T>(response: Response, what: string): Promise<T> {
    const payload = (await response.json()) as ApiAnswer<T>;
    if (payload.status !== 'success' || payload.data === undefined)
      throw new Error(`prometheus ${what} failed: ${payload.error ?? response.status}`);
    return payload.data;
  }
}
