import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { createTempDir, freePort, type ManagedProcess, PrometheusApi, spawnProcess, type TempDir, waitFor } from '@rocketmq-ts/testing';

// Debian's Prometheus as a child process with a generated scrape config; its HTTP API is libs/testing's PrometheusApi.

export interface ScrapeJob {
  readonly job: string;
  readonly target: string;
}

export class PrometheusServer extends PrometheusApi {
  private constructor(
    readonly process: ManagedProcess,
    readonly port: number,
    private readonly dir: TempDir,
  ) {
    super(`http://127.0.0.1:${port}`);
  }

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
      args: [
        `--config.file=${join(dir.path, 'prometheus.yml')}`,
        `--storage.tsdb.path=${join(dir.path, 'data')}`,
        `--web.listen-address=127.0.0.1:${port}`,
        '--log.level=warn',
      ],
    });
    const server = new PrometheusServer(process, port, dir);
    await waitFor(async () => (await fetch(`http://127.0.0.1:${port}/-/ready`)).ok, {
      timeoutMs: 60_000,
      intervalMs: 250,
      reason: 'prometheus ready',
    });
    return server;
  }

  removeData(): void {
    this.dir.remove();
  }
}
