import {
  type ControllerGroup,
  controllerMetadata,
  controllerReplicas,
  freePort,
  JAVA_BIN,
  LOOPBACK,
  type ManagedProcess,
  spawnProcess,
  startOurControllerGroup as startGroup,
  suiteTempDir,
  waitFor,
  WORKSPACE_ROOT,
} from '@rocketmq-ts/testing';

export { servingLeader } from '@rocketmq-ts/testing';

export type ControllerKind = 'ours' | 'apache';

export interface RunningController {
  readonly kind: ControllerKind;
  readonly addr: string;
  readonly port: number;
  readonly process: ManagedProcess;
}

/** Both controllers scan liveness every 2 s here (Apache's default is 5 s), so the two runs compare like for like. */
const SCAN_MS = 2000;

/** A single-node controller of either kind on a free port, waited for until it leads. */
export async function startController(kind: ControllerKind): Promise<RunningController> {
  const port = await freePort();
  const dir = suiteTempDir(`${kind}-controller`);
  const peers = `n0-${LOOPBACK}:${port}`;
  const child =
    kind === 'ours'
      ? spawnProcess({
          name: 'our-controller',
          command: `${WORKSPACE_ROOT}/bin/mqcontroller`,
          args: [
            '--controllerDLegerGroup=group1',
            `--controllerDLegerPeers=${peers}`,
            '--controllerDLegerSelfId=n0',
            `--controllerStorePath=${dir.join('store')}`,
            `--configStorePath=${dir.join('controller.properties')}`,
            `--scanNotActiveBrokerInterval=${SCAN_MS}`,
            '--httpPort=0',
          ],
          cwd: WORKSPACE_ROOT,
          logFile: true,
        })
      : spawnProcess({
          name: 'apache-controller',
          command: `${JAVA_BIN}/run-controller.sh`,
          args: [dir.path, 'n0', peers, `scanNotActiveBrokerInterval=${SCAN_MS}`],
          logFile: true,
        });
  const addr = `${LOOPBACK}:${port}`;
  await waitFor(async () => (await metadata(port).catch(() => undefined))?.isLeader === true, {
    timeoutMs: 90_000,
    intervalMs: 500,
    reason: `${kind} controller on ${addr} leading`,
  });
  return { kind, addr, port, process: child };
}

/** Three of our controllers as processes (bin/mqcontroller), Raft among them on each client port + 1. */
export function startOurControllerGroup(count: number, electionTimeoutMs: number): Promise<ControllerGroup> {
  return startGroup({ count, electionTimeoutMs, scanNotActiveBrokerIntervalMs: SCAN_MS });
}

export const metadata = controllerMetadata;
export const replicas = controllerReplicas;
