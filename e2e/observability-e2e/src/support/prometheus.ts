import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { createTempDir, freePort, type ManagedProcess, spawnProcess, type TempDir, waitFor } from '@rocketmq-ts/testing';

// Debian's Prometheus as a child process with a generated scrape config, and its HTTP API.

export interface ScrapeJob {
  readonly job: string;
  readonly target: string;
}

export interface PrometheusSeries {
  readonly metric: Readonly<Record<string, string>>;
  readonly value: readonly [number, string];
}

export class PrometheusServer {
  private constructor(
    readonly process: ManagedProcess,
    readonly port: number,
    private readonly dir: TempDir,
  ) {}

  /** Starts `prometheus` from PATH (`.ci/run` installs Debian's package), scraping every job each `scrapeIntervalSeconds`. */
  static async start(jobs: readonly ScrapeJob[], scrapeIntervalSeconds: number): Promise<PrometheusServer> {
    const binary = execFileSync('bash', ['-c', 'command -v prometheus || true'], { encoding: 'utf8' }).trim();
    if (binary === '') throw new Error('prometheus is not installed: apt-get install -y prometheus (Debian), as .ci/run does');
    const dir = createTempDir('observability-e2e-prometheus');
    const port = await freePort();
    const config = {
      global: { scrape_interval: `${scrapeIntervalSeconds}s`, evaluation_interval: `${scrapeIntervalSeconds}s` },
      scrape_configs: jobs.map((job) => ({ job_name: job.job, static_configs: [{ targets: [job.target] }] })),
    };
    // JSON is YAML: no YAML writer needed.
    writeFileSync(join(dir.path, 'prometheus.yml'), JSON.stringify(config, null, 2));
    const process = spawnProcess({
      name: 'prometheus',
      command: binary,
      args: [`--config.file=${join(dir.path, 'prometheus.yml')}`, `--storage.tsdb.path=${join(dir.path, 'data')}`, `--web.listen-address=127.0.0.1:${port}`, '--log.level=warn'],
    });
    const server = new PrometheusServer(process, port, dir);
    await waitFor(async () => (await fetch(`http://127.0.0.1:${port}/-/ready`)).ok, { timeoutMs: 60_000, intervalMs: 250, reason: 'prometheus ready' });
    return server;
  }

  /** An instant query; throws on a PromQL error so a malformed dashboard query fails loudly. */
  async query(expr: string): Promise<PrometheusSeries[]> {
    const response = await fetch(`http://127.0.0.1:${this.port}/api/v1/query`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ query: expr }),
    });
    const payload = (await response.json()) as { status: string; error?: string; data?: { resultType: string; result: PrometheusSeries[] } };
    if (payload.status !== 'success' || payload.data === undefined) throw new Error(`query failed: ${payload.error ?? response.status}: ${expr}`);
    if (payload.data.resultType !== 'vector') throw new Error(`expected an instant vector from ${expr}, got ${payload.data.resultType}`);
    return payload.data.result;
  }

  /** Values of `label` over the series `match` selects, as a label_values() variable would list them. */
  async labelValues(label: string, match: string): Promise<string[]> {
    const response = await fetch(`http://127.0.0.1:${this.port}/api/v1/label/${label}/values?${new URLSearchParams({ 'match[]': match })}`);
    const payload = (await response.json()) as { status: string; data?: string[] };
    return payload.data ?? [];
  }

  /** Up/down of every scrape target, by job. */
  async targetsUp(): Promise<Map<string, boolean>> {
    const series = await this.query('up');
    return new Map(series.map((entry) => [entry.metric['job'] ?? '', entry.value[1] === '1']));
  }

  removeData(): void {
    this.dir.remove();
  }
}
