import { describe, expect, it } from 'vitest';

import { startLauncher, waitFor } from '@rocketmq-ts/testing';

import { unique, tempDir, useProcessHygiene } from './support/hygiene';
import { type ClusterListBroker, freePortOffset, isAlive, launchedPids, mqadminClusterList } from './support/launcher';

const BOOT_TIMEOUT_MS = 180_000;

// `npm start` (tools/scripts/start-local.mjs) on shifted ports and a temp data dir: every process
// boots, mqadmin sees every group with its roles, and SIGINT stops them all with exit code 0.
describe('ha > npm start launcher', () => {
  useProcessHygiene();

  it.each([
    { mode: 'single', groups: { 'broker-a': [0] }, processes: 2 },
    { mode: '2m-2s-sync', groups: { 'broker-a': [0, 1], 'broker-b': [0, 1] }, processes: 6 },
  ])(
    '--mode $mode: ready, listed by mqadmin clusterList, stopped by SIGINT with exit 0 and no process left',
    async ({ mode, groups, processes }) => {
      const offset = await freePortOffset();
      const dataDir = tempDir(unique(`ha-e2e-start-${mode}`)).path;
      const launcher = startLauncher(mode, dataDir, offset);
      await launcher.waitForOutput(/^\[start\] ready\./, { timeoutMs: BOOT_TIMEOUT_MS, reason: `start-local --mode ${mode} ready` });
      const pids = launchedPids(launcher);
      expect(pids).toHaveLength(processes);

      const namesrvAddr = `127.0.0.1:${9876 + offset}`;
      let listed: ClusterListBroker[] = [];
      await waitFor(
        async () => {
          listed = await mqadminClusterList(namesrvAddr);
          return listed.length === processes - (mode === 'single' ? 1 : 2);
        },
        { timeoutMs: 60_000, intervalMs: 1_000, reason: `every broker of ${mode} listed on ${namesrvAddr}` },
      );
      const byGroup: Record<string, number[]> = {};
      for (const broker of listed) (byGroup[broker.brokerName] ??= []).push(broker.brokerId);
      for (const ids of Object.values(byGroup)) ids.sort();
      expect(byGroup).toEqual(groups);
      expect(new Set(listed.map((broker) => broker.cluster))).toEqual(new Set(['DefaultCluster']));

      launcher.kill('SIGINT');
      const exit = await launcher.waitForExit({ timeoutMs: 60_000, reason: 'launcher stops after SIGINT' });
      expect(exit).toMatchObject({ code: 0, signal: null });
      expect(pids.filter(isAlive)).toEqual([]);
      expect(launcher.output()).toMatch(/\[start\] all stopped\n?/);
    },
  );
});
