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
  freePortPair,
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

export interface ControllerGroup {
  readonly members: ReadonlyArray<{ readonly id: string; readonly port: number; readonly addr: string; readonly process: ManagedProcess }>;
  /** What brokers put in controllerAddr: every member, `;`-separated. */
  readonly controllerAddr: string;
  readonly electionTimeoutMs: number;
}

/** Three of our controllers as processes (bin/mqcontroller), Raft among them on each client port + 1. */
export async function startOurControllerGroup(count: number, electionTimeoutMs: number): Promise<ControllerGroup> {
  const ports: number[] = [];
  while (ports.length < count) {
    const port = await freePortPair();
    if (!ports.some((taken) => Math.abs(taken - port) <= 1)) ports.push(port);
  }
  const peers = ports.map((port, index) => `n${index}-${LOOPBACK}:${port}`).join(';');
  const members = ports.map((port, index) => {
    const dir = suiteTempDir(`controller-n${index}`);
    const child = spawnProcess({
      name: `our-controller-n${index}`,
      command: `${WORKSPACE_ROOT}/bin/mqcontroller`,
      args: [
        '--controllerDLegerGroup=group1',
        `--controllerDLegerPeers=${peers}`,
        `--controllerDLegerSelfId=n${index}`,
        `--controllerStorePath=${dir.join('store')}`,
        `--configStorePath=${dir.join('controller.properties')}`,
        `--scanNotActiveBrokerInterval=${SCAN_MS}`,
        `--raftElectionTimeoutMillis=${electionTimeoutMs}`,
        `--raftHeartbeatIntervalMillis=${Math.floor(electionTimeoutMs / 5)}`,
        '--httpPort=0',
      ],
      cwd: WORKSPACE_ROOT,
      logFile: true,
    });
    return { id: `n${index}`, port, addr: `${LOOPBACK}:${port}`, process: child };
  });
  return { members, controllerAddr: members.map((member) => member.addr).join(';'), electionTimeoutMs };
}

/** The member that says it is the serving leader, waited for. */
export async function servingLeader(members: ControllerGroup['members'], timeoutMs = 60_000): Promise<ControllerGroup['members'][number]> {
  let leader: ControllerGroup['members'][number] | undefined;
  await waitFor(
    async () => {
      leader = undefined;
      for (const member of members) if ((await metadata(member.port).catch(() => undefined))?.isLeader) leader = member;
      return leader !== undefined;
    },
    { timeoutMs, intervalMs: 50, reason: 'a serving leader among our controllers' },
  );
  return leader as ControllerGroup['members'][number];
}

export async function metadata(port: number): Promise<GetMetaDataResponseHeader> {
  const reply = await remotingRequest(port, createRequest(RequestCode.CONTROLLER_GET_METADATA_INFO), { timeoutMs: 1000 });
  return GetMetaDataResponseHeader.decode(reply.extFields);
}

/** What getSyncStateSet shows for one broker set (1006 to the leader). */
export async function replicas(port: number, brokerName: string): Promise<ReplicasInfo | undefined> {
  const reply = await remotingRequest(port, createRequest(RequestCode.CONTROLLER_GET_SYNC_STATE_DATA, { body: BrokerNameList.encode([brokerName]) }), { timeoutMs: 3000 });
  if (reply.code !== 0 || reply.body === undefined) return undefined;
  return BrokerReplicasInfo.decode(reply.body).replicasInfoTable.get(brokerName);
}
