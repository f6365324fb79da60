import {
  BrokerNameList,
  BrokerReplicasInfo,
  createRequest,
  GetMetaDataResponseHeader,
  type ReplicasInfo,
  RequestCode,
} from '@rocketmq-ts/protocol';
import {
  freePort,
  JAVA_BIN,
  LOOPBACK,
  type ManagedProcess,
  remotingRequest,
  spawnProcess,
  suiteTempDir,
  waitFor,
  WORKSPACE_ROOT,
} from '@rocketmq-ts/testing';

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

export async function metadata(port: number): Promise<GetMetaDataResponseHeader> {
  const reply = await remotingRequest(port, createRequest(RequestCode.CONTROLLER_GET_METADATA_INFO), { timeoutMs: 3000 });
  return GetMetaDataResponseHeader.decode(reply.extFields);
}

/** What getSyncStateSet shows for one broker set (1006 to the leader). */
export async function replicas(port: number, brokerName: string): Promise<ReplicasInfo | undefined> {
  const reply = await remotingRequest(port, createRequest(RequestCode.CONTROLLER_GET_SYNC_STATE_DATA, { body: BrokerNameList.encode([brokerName]) }), { timeoutMs: 3000 });
  if (reply.code !== 0 || reply.body === undefined) return undefined;
  return BrokerReplicasInfo.decode(reply.body).replicasInfoTable.get(brokerName);
}
