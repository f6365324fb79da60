// Bad input: bin/mqexporter pointed at a name server that is not there must start anyway, serve
// /metrics and /health, report rocketmq_namesrv_up 0, and report 1 once a name server appears on
// that address, without a restart.
import { afterAll, describe, expect, it } from 'vitest';

import { freePort, processes, spawnProcess, startLocalNamesrv, type TempDir, waitFor, WORKSPACE_ROOT } from '@rocketmq-ts/testing';

import { samplesOf, scrape } from '../testing/prometheus-text';

describe('Exporter > unreachable name server', () => {
  const dirs: TempDir[] = [];

  afterAll(async () => {
    await processes.stopAll({ graceMs: 10_000 });
    for (const dir of dirs) dir.remove();
  });

  it('starts, reports the name server down, and recovers when it appears', async () => {
    const [namesrvPort, httpPort] = [await freePort(), await freePort()];
    const namesrvAddr = `127.0.0.1:${namesrvPort}`;
    const exporter = spawnProcess({
      name: 'exporter',
      command: `${WORKSPACE_ROOT}/bin/mqexporter`,
      args: [
        `--namesrvAddr=${namesrvAddr}`,
        `--httpPort=${httpPort}`,
        '--bindAddress=127.0.0.1',
        '--collectIntervalMillis=1000',
        '--requestTimeoutMillis=500',
      ],
      cwd: WORKSPACE_ROOT,
    });
    await exporter.waitForOutput(/boot success/, { timeoutMs: 90_000, reason: 'exporter started without its name server' });

    const down = await waitFor(async () => samplesOf(await scrape(httpPort), 'rocketmq_namesrv_up', { namesrv: namesrvAddr })[0], {
      timeoutMs: 30_000,
      reason: 'rocketmq_namesrv_up reported',
    });
    expect(down.value).toBe(0);
    const errors = samplesOf(await scrape(httpPort), 'rocketmq_exporter_collect_errors_total', {
      target: 'namesrv',
      request: 'GET_BROKER_CLUSTER_INFO',
    });
    expect(errors[0]?.value).toBeGreaterThan(0);
    const health = (await (await fetch(`http://127.0.0.1:${httpPort}/health`)).json()) as { status: string; namesrvsUp: number };
    expect(health).toMatchObject({ status: 'UP', namesrvsUp: 0 });

    const namesrv = await startLocalNamesrv({ port: namesrvPort, label: 'exporter-spec-namesrv' });
    dirs.push(namesrv.dir);
    const up = await waitFor(
      async () => samplesOf(await scrape(httpPort), 'rocketmq_namesrv_up', { namesrv: namesrvAddr }).find((sample) => sample.value === 1),
      {
        timeoutMs: 30_000,
        reason: 'rocketmq_namesrv_up back to 1',
      },
    );
    expect(up.value).toBe(1);
    expect(exporter.output()).toContain(`namesrv ${namesrvAddr} answers again`);
  });
});
