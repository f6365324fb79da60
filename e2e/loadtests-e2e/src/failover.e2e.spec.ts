// The failover scenario against `npm start -- --mode 2m-2s-sync` (two name servers, two SYNC_MASTER
// groups with slaves, every process real): the runner SIGKILLs broker-a's master through its
// default hook (the local process listening on the master's port) 40 % into a 10 s run; every
// acknowledged message must still be consumed (zero acknowledged loss is a threshold).
import { join } from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import {
  createTempDir,
  freeLauncherPortOffset,
  isAlive,
  type ManagedProcess,
  processes,
  spawnProcess,
  type TempDir,
  withLogsOnFailure,
  WORKSPACE_ROOT,
} from '@rocketmq-ts/testing';

import { runLoadtest } from './support/run-loadtest';

describe('loadtests > failover under load (npm start, 2m-2s-sync)', () => {
  let launcher: ManagedProcess;
  let dir: TempDir;
  let namesrvAddr: string;

  beforeAll(async () => {
    dir = createTempDir('loadtests-e2e-failover');
    const offset = await freeLauncherPortOffset();
    launcher = spawnProcess({
      name: 'start-local-2m-2s-sync',
      command: process.execPath,
      args: [
        join(WORKSPACE_ROOT, 'tools', 'scripts', 'start-local.mjs'),
        '--mode',
        '2m-2s-sync',
        '--data-dir',
        join(dir.path, 'data'),
        '--port-offset',
        String(offset),
        '--no-restart',
        '--no-console',
      ],
      cwd: WORKSPACE_ROOT,
      logFile: true,
      maxLines: 5000,
    });
    await launcher.waitForOutput(/ready\. Ctrl-C stops everything/, { timeoutMs: 180_000, reason: 'npm start 2m-2s-sync ready' });
    namesrvAddr = (/NAMESRV_ADDR='([^']+)'/.exec(launcher.output()) ?? [])[1] ?? '';
  });

  afterAll(async () => {
    await processes.stopAll({ graceMs: 15_000 });
    dir?.remove();
  });

  it('kills broker-a master mid-run and consumes every acknowledged message', async () => {
    expect(namesrvAddr).toMatch(/^127\.0\.0\.1:\d+/);
    const pidsBefore = [...launcher.output().matchAll(/broker-a .* pid (\d+)$/gm)].map((match) => Number(match[1]));
    const run = await withLogsOnFailure(() => runLoadtest('failover', namesrvAddr, dir));
    expect({ exit: run.exit.code, tail: run.exit.code === 0 ? '' : run.output.slice(-3000) }).toEqual({ exit: 0, tail: '' });
    expect(run.output).toMatch(/failover: SIGKILLed pid \d+, the master of broker-a/);
    const killedPid = Number(/SIGKILLed pid (\d+)/.exec(run.output)?.[1]);
    expect(isAlive(killedPid)).toBe(false);
    expect(pidsBefore).toContain(killedPid);
    const metrics = run.summary['metrics'] as Record<string, Record<string, number>>;
    expect(metrics['lost_messages']).toEqual({ count: 0 });
    expect(metrics['messages_consumed']?.['count']).toBeGreaterThanOrEqual(metrics['messages_sent']?.['count'] ?? Number.POSITIVE_INFINITY);
    expect(run.summary['thresholds']).toEqual(
      expect.arrayContaining([expect.objectContaining({ metric: 'lost_messages', expression: 'count==0', ok: true })]),
    );
  });
});
