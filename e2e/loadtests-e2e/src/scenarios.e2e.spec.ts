// Every shipped scenario for ~10 s against a real name server and broker (processes from bin/),
// run as a user runs it (bin/loadtest, exit code, --summary-export). Failover has its own file:
// it needs a cluster with slaves.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { createTempDir, type LocalCluster, startLocalCluster, type TempDir, withLogsOnFailure } from '@rocketmq-ts/testing';

import { METRIC_FIELDS, runLoadtest, SUMMARY_FIELDS } from './support/run-loadtest';

describe('loadtests > shipped scenarios against a local cluster', () => {
  let cluster: LocalCluster;
  let dir: TempDir;

  beforeAll(async () => {
    cluster = await startLocalCluster({ label: 'loadtests-e2e' });
    dir = createTempDir('loadtests-e2e-summaries');
  });

  afterAll(async () => {
    await cluster?.stop();
    dir?.remove();
  });

  it.each(['steady-send', 'ramp-to-saturation', 'lag-and-drain', 'orderly', 'mixed-sizes'])(
    '%s runs ~10 s, passes its thresholds and exports the documented summary',
    async (scenario) => {
      const run = await withLogsOnFailure(() => runLoadtest(scenario, cluster.namesrvAddr, dir));
      expect({ exit: run.exit.code, tail: run.exit.code === 0 ? '' : run.output.slice(-3000) }).toEqual({ exit: 0, tail: '' });
      expect(Object.keys(run.summary).sort()).toEqual([...SUMMARY_FIELDS].sort());
      const metrics = run.summary['metrics'] as Record<string, Record<string, number>>;
      expect(Object.keys(metrics).sort()).toEqual([...METRIC_FIELDS].sort());
      expect(metrics['messages_sent']?.['count']).toBeGreaterThan(0);
      expect(Object.keys(metrics['send_latency'] ?? {})).toEqual(expect.arrayContaining(['p(50)', 'p(90)', 'p(99)', 'p(99.9)', 'max']));
      expect(run.summary['passed']).toBe(true);
      expect(run.output).toMatch(/thresholds: all passed/);
      if (scenario === 'ramp-to-saturation') expect(run.output).toMatch(/knee: target \d+\/s/);
      if (scenario === 'lag-and-drain') expect(metrics['consumer_lag']).toMatchObject({ value: 0 });
      if (scenario === 'orderly')
        expect((run.summary['checks'] as Record<string, { fails: number; passes: number }>)['in order']).toMatchObject({ fails: 0 });
    },
  );

  it('exits 99 when a threshold is crossed (a scenario file with an impossible one), with ✗ in the summary', async () => {
    const run = await runLoadtest('e2e/loadtests-e2e/src/fixtures/impossible-threshold.ts', cluster.namesrvAddr, dir);
    expect(run.exit.code).toBe(99);
    expect(run.summary['passed']).toBe(false);
    expect(run.summary['thresholds']).toEqual(
      expect.arrayContaining([expect.objectContaining({ metric: 'send_latency', expression: 'p(99)<0.000001', ok: false })]),
    );
    expect(run.output).toMatch(/✗ 'p\(99\)<0\.000001'/);
    expect((run.summary['checks'] as Record<string, { passes: number }>)['queue assigned']?.passes).toBeGreaterThan(0);
  });

  it('exits 104 with one clear line per bad option', async () => {
    const bad = `${dir.path}/bad.ts`;
    const { writeFileSync } = await import('node:fs');
    writeFileSync(
      bad,
      "export const options = { description: 'x', topic: 'T', executor: { executor: 'constant-vus', vus: 0, duration: 'soon' }, thresholds: { send_latency: ['rate<1'] }, extra: 1 };\n",
    );
    const run = await runLoadtest(bad, cluster.namesrvAddr, dir);
    expect(run.exit.code).toBe(104);
    expect(run.output).toMatch(/bad\.options\.executor\.vus: expected an integer >= 1, got 0/);
    expect(run.output).toMatch(/bad\.options\.executor\.duration: duration "soon"/);
    expect(run.output).toMatch(/bad\.options\.thresholds\.send_latency\[0\]: send_latency offers avg, min, med, max, p\(N\), not rate/);
    expect(run.output).toMatch(/bad\.options\.extra: unknown key/);
  });
});
