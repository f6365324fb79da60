import { randomUUID } from 'node:crypto';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { freePort, type LocalCluster, spawnProcess, startLocalCluster, WORKSPACE_ROOT } from '@rocketmq-ts/testing';

import { MQSHUTDOWN_BIN, runBin, runMqadmin } from '../testing/run-mqadmin';

// shutdownBroker / shutdownNamesrv find the local process listening on the address through /proc,
// send SIGTERM and wait for the exit; bin/mqshutdown does it by command line. This spec stops the
// servers it started itself, and mqshutdown only a decoy narrowed by --match (other suites on this
// machine run real brokers that must live).
describe('mqadmin > wire > shutdown', () => {
  let cluster: LocalCluster;

  beforeAll(async () => {
    cluster = await startLocalCluster({ label: 'mqadmin-spec', brokerName: 'mqadmin-spec-broker' });
  }, 120_000);

  afterAll(async () => {
    await cluster.stop();
  });

  it('shutdownBroker stops the broker listening on the address and waits for its exit', async () => {
    const run = await runMqadmin(['shutdownBroker', '-b', cluster.brokerAddr, '--json']);
    expect(run.exitCode).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual({
      addr: cluster.brokerAddr,
      stopped: [{ pid: cluster.broker.process.pid, commandLine: expect.stringContaining('apps/broker/src/main.ts'), outcome: 'stopped' }],
    });
    // Graceful: SIGTERM lets the broker close its store and exit 0.
    expect(await cluster.broker.process.waitForExit({ timeoutMs: 5_000, reason: 'the broker is gone' })).toMatchObject({ code: 0 });
  });

  it('shutdownNamesrv stops the name server on the -n address', async () => {
    const run = await runMqadmin(['shutdownNamesrv', '-n', cluster.namesrvAddr]);
    expect([run.exitCode, run.stdout.trim()]).toEqual([
      0,
      `The name server(${cluster.namesrvs[0]?.process.pid}) on ${cluster.namesrvAddr} is stopped.`,
    ]);
    expect((await cluster.namesrvs[0]?.process.waitForExit({ timeoutMs: 5_000, reason: 'the name server is gone' }))?.code).toBe(0);
  });

  it('exits 2 when nothing listens on the address and 1 for an address of another machine', async () => {
    const nothing = await runMqadmin(['shutdownBroker', '-b', `127.0.0.1:${await freePort()}`]);
    expect([nothing.exitCode, nothing.stderr]).toEqual([2, expect.stringContaining('no local process listens on')]);
    expect((await runMqadmin(['shutdownBroker', '-b', '192.0.2.1:10911'])).exitCode).toBe(1);
  });

  it('bin/mqshutdown broker stops the matching local broker processes and reports when none runs', async () => {
    const marker = `mqshutdown-spec-${randomUUID()}`;
    const decoy = spawnProcess({
      name: 'decoy-broker',
      command: process.execPath,
      args: ['-e', 'setInterval(() => {}, 1000)', 'dist/apps/broker/main.js', marker],
      cwd: WORKSPACE_ROOT,
    });
    const first = await runBin(MQSHUTDOWN_BIN, ['broker', '--match', marker]);
    expect([first.exitCode, first.stdout]).toEqual([
      0,
      `The mqbroker(${decoy.pid}) is running...\nSend shutdown request to mqbroker(${decoy.pid}) OK; stopped.\n`,
    ]);
    expect((await decoy.waitForExit({ timeoutMs: 5_000, reason: 'the decoy is gone' })).signal).toBe('SIGTERM');

    const again = await runBin(MQSHUTDOWN_BIN, ['namesrv', '--match', marker]);
    expect([again.exitCode, again.stdout]).toEqual([2, 'No mqnamesrv running.\n']);
    expect((await runBin(MQSHUTDOWN_BIN, ['everything'])).exitCode).toBe(1);
  });
});
