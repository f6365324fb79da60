// `npm start` plans its ports from conf/<mode>/*.properties (tools/scripts/start-local/plan.mjs);
// the suites pick a --port-offset under which LAUNCHER_PORTS (libs/testing) are all free. Both must
// agree, or a suite starts a mode on a port it never checked: every port a mode binds is listed,
// and the largest offset keeps them below the ephemeral range. Controller mode's plan is read too:
// its peer list and controllerAddr follow the offset.
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

import { describe, expect, it } from 'vitest';

import { LAUNCHER_PORTS } from '@rocketmq-ts/testing';

const workspaceRoot = resolve(__dirname, '../../..');
/** freeLauncherPortOffset's largest offset, and Linux's first ephemeral port. */
const MAX_OFFSET = 20_000;
const EPHEMERAL_FROM = 32_768;

interface PlannedNode {
  readonly name: string;
  readonly kind: 'controller' | 'namesrv' | 'broker' | 'console';
  readonly port: number;
  readonly args: readonly string[];
}
interface Plan {
  readonly controllers: readonly PlannedNode[];
  readonly namesrvs: readonly PlannedNode[];
  readonly brokers: readonly PlannedNode[];
  readonly controllerAddr: string;
}
type PlanCluster = (options: {
  root: string;
  mode: string;
  dataDir: string;
  portOffset: number;
  overrides: readonly [string, string][];
}) => Plan;

async function planOf(mode: string, portOffset = 0): Promise<Plan> {
  const module = (await import(pathToFileURL(resolve(workspaceRoot, 'tools/scripts/start-local/plan.mjs')).href)) as {
    planCluster: PlanCluster;
  };
  return module.planCluster({ root: workspaceRoot, mode, dataDir: '/tmp/launcher-ports-spec', portOffset, overrides: [] });
}

async function modes(): Promise<readonly string[]> {
  const module = (await import(pathToFileURL(resolve(workspaceRoot, 'tools/scripts/start-local/options.mjs')).href)) as {
    MODES: readonly string[];
  };
  return module.MODES;
}

/** What each process binds besides its port: HTTP at - 31; a broker's HA + 1 and fast - 2; a controller's Raft + 1. */
function boundPorts(node: PlannedNode): number[] {
  if (node.kind === 'broker') return [node.port - 2, node.port, node.port + 1, node.port - 31];
  if (node.kind === 'controller') return [node.port, node.port + 1, node.port - 31];
  return [node.port, node.port - 31];
}

describe('Workspace > npm start ports', () => {
  it('lists in LAUNCHER_PORTS every port of every mode, and keeps them below the ephemeral range at the largest offset', async () => {
    const missing: string[] = [];
    for (const mode of await modes()) {
      const plan = await planOf(mode);
      for (const node of [...plan.controllers, ...plan.namesrvs, ...plan.brokers]) {
        for (const port of boundPorts(node)) if (!LAUNCHER_PORTS.includes(port)) missing.push(`${mode} ${node.name} ${port}`);
      }
    }
    expect(missing).toEqual([]);
    expect(Math.max(...LAUNCHER_PORTS) + MAX_OFFSET).toBeLessThan(EPHEMERAL_FROM);
    expect(new Set(LAUNCHER_PORTS).size).toBe(LAUNCHER_PORTS.length);
  });

  it('gives controller mode three controllers whose peer list and controllerAddr follow --port-offset', async () => {
    const plan = await planOf('controller', 1000);
    expect(plan.controllers.map((node) => node.port)).toEqual([10878, 10868, 10858]);
    const peers = 'n0-127.0.0.1:10878;n1-127.0.0.1:10868;n2-127.0.0.1:10858';
    for (const node of plan.controllers) expect(node.args).toContain(`--controllerDLegerPeers=${peers}`);
    expect(plan.controllerAddr).toBe('127.0.0.1:10878;127.0.0.1:10868;127.0.0.1:10858');
    expect(plan.brokers.map((node) => `${node.name}:${node.port}`)).toEqual([
      'broker-a-n0:13011',
      'broker-a-n1:13111',
      'broker-a-n2:13211',
      'broker-b-n0:13021',
      'broker-b-n1:13121',
      'broker-b-n2:13221',
    ]);
    for (const node of plan.brokers) expect(node.args).toContain(`--controllerAddr=${plan.controllerAddr}`);
    // The other modes' brokers are not told of controllers.
    expect((await planOf('2m-2s-sync')).brokers.flatMap((node) => node.args).filter((arg) => arg.startsWith('--controllerAddr'))).toEqual(
      [],
    );
  });
});
