import {
  BrokerNameList,
  BrokerReplicasInfo,
  createRequest,
  GetMetaDataResponseHeader,
  type ReplicasInfo,
  RequestCode,
} from '@rocketmq-ts/protocol';

import { freePortPair, LOOPBACK } from './ports';
import { type ManagedProcess, spawnProcess } from './process-harness';
import { remotingRequest } from './remoting-request';
import { suiteTempDir } from './suite-hygiene';
import { waitFor } from './wait-for';
import { WORKSPACE_ROOT } from './workspace-paths';

// Our controllers (bin/mqcontroller) as processes for the controller suites: one Raft group, the
// metadata request every member answers, and the SyncStateSet view of one broker set
// (docs/controller.md).

export interface ControllerMember {
  readonly id: string;
  readonly port: number;
  readonly addr: string;
  readonly process: ManagedProcess;
}

export interface ControllerGroup {
  readonly members: readonly ControllerMember[];
  /** What brokers put in controllerAddr: every member, `;`-separated. */
  readonly controllerAddr: string;
  readonly electionTimeoutMs: number;
}

export interface ControllerGroupOptions {
  readonly count: number;
  /** Raft election timeout; heartbeats go every fifth of it. */
  readonly electionTimeoutMs: number;
  /** Broker liveness scan period (Apache's default is 5 s). */
  readonly scanNotActiveBrokerIntervalMs?: number;
}

/** `count` of our controllers, Raft among them on each client port + 1. */
export async function startOurControllerGroup(options: ControllerGroupOptions): Promise<ControllerGroup> {
  const ports: number[] = [];
  while (ports.length < options.count) {
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
        `--scanNotActiveBrokerInterval=${options.scanNotActiveBrokerIntervalMs ?? 5000}`,
        `--raftElectionTimeoutMillis=${options.electionTimeoutMs}`,
        `--raftHeartbeatIntervalMillis=${Math.floor(options.electionTimeoutMs / 5)}`,
        '--httpPort=0',
      ],
      cwd: WORKSPACE_ROOT,
      logFile: true,
    });
    return { id: `n${index}`, port, addr: `${LOOPBACK}:${port}`, process: child };
  });
  return { members, controllerAddr: members.map((member) => member.addr).join(';'), electionTimeoutMs: options.electionTimeoutMs };
}

/** The member that says it is the serving leader, waited for. */
export async function servingLeader(members: readonly ControllerMember[], timeoutMs = 60_000): Promise<ControllerMember> {
  let leader: ControllerMember | undefined;
  await waitFor(
    async () => {
      leader = undefined;
      for (const member of members) if ((await controllerMetadata(member.port).catch(() => undefined))?.isLeader) leader = member;
      return leader !== undefined;
    },
    { timeoutMs, intervalMs: 50, reason: 'a serving leader among our controllers' },
  );
  return leader as ControllerMember;
}

/** 1005 CONTROLLER_GET_METADATA_INFO, which every member answers (leader or not). */
export async function controllerMetadata(port: number): Promise<GetMetaDataResponseHeader> {
  const reply = await remotingRequest(port, createRequest(RequestCode.CONTROLLER_GET_METADATA_INFO), { timeoutMs: 1000 });
  return GetMetaDataResponseHeader.decode(reply.extFields);
}

/** What getSyncStateSet shows for one broker set (1006 to the leader); undefined when it does not answer. */
export async function controllerReplicas(port: number, brokerName: string): Promise<ReplicasInfo | undefined> {
  const reply = await remotingRequest(
    port,
    createRequest(RequestCode.CONTROLLER_GET_SYNC_STATE_DATA, { body: BrokerNameList.encode([brokerName]) }),
    { timeoutMs: 3000 },
  );
  if (reply.code !== 0 || reply.body === undefined) return undefined;
  return BrokerReplicasInfo.decode(reply.body).replicasInfoTable.get(brokerName);
}
