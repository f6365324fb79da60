import { homedir } from 'node:os';
import { join } from 'node:path';

import { bool, type ConfigOf, defineConfigSchema, duration, int, oneOf, string } from '@rocketmq-ts/config';

/**
 * The controller's configuration. Keys are RocketMQ's ControllerConfig setter names, so a Java
 * `controller.conf` works unchanged (docs/controller.md#configuration); keys marked "ours" do not
 * exist in Java. The client-facing port is not a key of its own: it is the port of this node's
 * entry in controllerDLegerPeers, as with Apache's DLedger controller.
 */
export const controllerConfigSchema = defineConfigSchema({
  rocketmqHome: string('', { env: 'ROCKETMQ_HOME', description: 'installation root (informational)' }),
  controllerType: string('DLedger', { description: 'DLedger (our Raft) is the only engine; "jRaft" is refused at start' }),
  controllerDLegerGroup: string('', { description: 'Raft group name, reported by CONTROLLER_GET_METADATA_INFO' }),
  controllerDLegerPeers: string('', { description: "n0-host:port;n1-host:port;... each controller's client-facing address" }),
  controllerDLegerSelfId: string('', { description: "this node's id in controllerDLegerPeers, e.g. n0" }),
  controllerStorePath: string(join(homedir(), 'DLedgerController'), { nonEmpty: true, description: 'replicated metadata log directory' }),
  scanNotActiveBrokerInterval: duration(5000, { minMs: 100, maxMs: 3_600_000, description: 'broker liveness scan period (ms)' }),
  scanInactiveMasterInterval: duration(5000, { minMs: 100, maxMs: 3_600_000, description: 'leader re-check of masterless sets (ms)' }),
  electMasterMaxRetryCount: int(3, { min: 1, max: 100, description: 'controller-triggered election attempts for a dead master' }),
  enableElectUncleanMaster: bool(false, { description: 'elect outside the SyncStateSet when no in-sync replica lives (may lose data)' }),
  notifyBrokerRoleChanged: bool(true, { description: 'send NOTIFY_BROKER_ROLE_CHANGED to live members after an election' }),
  processReadEvent: bool(false, { description: 'accepted for compatibility; reads are always served after a leadership check' }),
  configBlackList: string('configBlackList;configStorePath', {
    description: 'keys UPDATE_CONTROLLER_CONFIG refuses (rocketmqHome always)',
  }),
  configStorePath: string(join(homedir(), 'controller', 'controller.properties'), {
    nonEmpty: true,
    description: 'where UPDATE_CONTROLLER_CONFIG persists',
  }),
  bindAddress: string('0.0.0.0', { nonEmpty: true, description: 'ours: remoting and HTTP bind address' }),
  httpPort: int(-1, {
    min: -1,
    max: 65535,
    description: 'ours: HTTP port for /health and /metrics; -1 = client port - 31, 0 = any free port',
  }),
  electMasterRetryIntervalMillis: duration(3000, {
    minMs: 10,
    maxMs: 60_000,
    description: 'ours: wait between controller-triggered election attempts',
  }),
  raftElectionTimeoutMillis: duration(1000, {
    minMs: 50,
    maxMs: 60_000,
    description: 'ours: Raft election timeout, randomized in [t, 2t) (several controllers only)',
  }),
  raftHeartbeatIntervalMillis: duration(200, {
    minMs: 10,
    maxMs: 30_000,
    description: 'ours: Raft leader heartbeat; at most half the election timeout',
  }),
  raftSnapshotEveryEntries: int(10_000, { min: 1, max: 100_000_000, description: 'ours: Raft snapshot period in log entries' }),
  logLevel: oneOf(['trace', 'debug', 'info', 'warn', 'error', 'fatal'], 'info', { description: 'ours: pino level' }),
  shutdownDrainTimeoutMillis: duration(5000, { maxMs: 60_000, description: 'ours: in-flight drain budget on SIGTERM' }),
});

export type ControllerConfig = ConfigOf<(typeof controllerConfigSchema)['fields']>;

/** Keys that may not be changed at run time whatever configBlackList says. */
export const ALWAYS_BLACKLISTED = ['rocketmqHome', 'configBlackList', 'configStorePath'] as const;
