import { type Clock, type Logger, silentLogger } from '@rocketmq-ts/base';
import { isWriteable, PermName } from '@rocketmq-ts/model';
import { DataVersion } from '@rocketmq-ts/protocol';

import {
  type BrokerData,
  type BrokerLiveInfo,
  type BrokerMemberGroup,
  type ClusterInfoView,
  DEFAULT_BROKER_HEARTBEAT_TIMEOUT_MS,
  MASTER_BROKER_ID,
  type RegisterBrokerInput,
  type RegisterBrokerOutcome,
  type TopicRoute,
  type UnregisterBrokerInput,
} from './route-info-types';
import { TopicQueueTable } from './topic-queue-table';

export interface RouteInfoManagerOptions {
  readonly clock: Clock;
  readonly logger?: Logger;
  /** NamesrvConfig.supportActingMaster: routes show the lowest slave as id 0 when the master is gone. */
  readonly supportActingMaster?: boolean;
  /** NamesrvConfig.deleteTopicWithBrokerRegistration: a master's register drops topics it no longer has. */
  readonly deleteTopicWithBrokerRegistration?: boolean;
}

/**
 * The namesrv's whole state: which brokers live in which cluster, which topics they serve, and
 * when each broker address was last heard from. Single-threaded (one event loop), so no locks.
 */
export class RouteInfoManager {
  readonly topicQueueTable = new TopicQueueTable();
  private readonly brokerAddrTable = new Map<string, BrokerData>();
  private readonly clusterAddrTable = new Map<string, Set<string>>();
  private readonly brokerLiveTable = new Map<string, BrokerLiveInfo>();
  private readonly clock: Clock;
  private readonly logger: Logger;

  constructor(private readonly options: RouteInfoManagerOptions) {
    this.clock = options.clock;
    this.logger = options.logger ?? silentLogger;
  }

  /** REGISTER_BROKER (103); see docs/remoting-protocol.md#requests-the-broker-serves. */
  registerBroker(input: RegisterBrokerInput): RegisterBrokerOutcome {
    const { clusterName, brokerName, brokerAddr, brokerId } = input;
    addToSet(this.clusterAddrTable, clusterName, brokerName);
    let brokerData = this.brokerAddrTable.get(brokerName);
    let registerFirst = brokerData === undefined;
    if (brokerData === undefined) {
      brokerData = { cluster: clusterName, brokerName, brokerAddrs: new Map(), enableActingMaster: false, zoneName: undefined };
      this.brokerAddrTable.set(brokerName, brokerData);
    }
    const isPre5Broker = input.enableActingMaster === undefined;
    brokerData.enableActingMaster = input.enableActingMaster ?? false;
    brokerData.zoneName = input.zoneName;
    const addrs = brokerData.brokerAddrs;

    // A slave promoted to master re-registers the same address under id 0: forget the old id.
    for (const [id, addr] of addrs) if (addr === brokerAddr && id !== brokerId) addrs.delete(id);

    const rejection = this.rejectRegistration(input, addrs);
    if (rejection !== undefined) {
      this.logger.warn({ clusterName, brokerName, brokerAddr, brokerId }, rejection.reason);
      if (addrs.size === 0) this.forgetBrokerName(clusterName, brokerName);
      return rejection;
    }
    const previousAddr = addrs.get(brokerId);
    addrs.set(brokerId, brokerAddr);
    registerFirst ||= previousAddr === undefined || previousAddr === '';

    const isMaster = brokerId === MASTER_BROKER_ID;
    const isPrimeSlave = !isPre5Broker && !isMaster && brokerId === Math.min(...addrs.keys());
    if (isMaster || isPrimeSlave) this.updateTopics(input, registerFirst, isPrimeSlave && brokerData.enableActingMaster);

    const liveKey = brokerLiveKey(clusterName, brokerAddr);
    const wasLive = this.brokerLiveTable.has(liveKey);
    this.brokerLiveTable.set(liveKey, {
      clusterName,
      brokerAddr,
      lastUpdateTimestampMs: this.clock.nowMs(),
      heartbeatTimeoutMs: input.heartbeatTimeoutMs ?? DEFAULT_BROKER_HEARTBEAT_TIMEOUT_MS,
      dataVersion: input.dataVersion,
      connectionId: input.connectionId,
      haServerAddr: input.haServerAddr,
    });
    if (!wasLive) this.logger.info({ clusterName, brokerName, brokerAddr, brokerId }, 'broker registered');
    return { kind: 'registered', ...this.masterOf(clusterName, brokerData, brokerId) };
  }

  private rejectRegistration(
    input: RegisterBrokerInput,
    addrs: Map<number, string>,
  ): Exclude<RegisterBrokerOutcome, { kind: 'registered' }> | undefined {
    const oldAddr = addrs.get(input.brokerId);
    if (oldAddr !== undefined && oldAddr !== input.brokerAddr) {
      // Another address holds this id with a newer state version: this register is stale.
      const old = this.brokerLiveTable.get(brokerLiveKey(input.clusterName, oldAddr));
      if (old !== undefined && old.dataVersion.stateVersion > input.dataVersion.stateVersion) {
        this.brokerLiveTable.delete(brokerLiveKey(input.clusterName, input.brokerAddr));
        return { kind: 'stale', reason: `stale register: ${oldAddr} holds brokerId ${input.brokerId} with a newer stateVersion` };
      }
    }
    // Java refuses this shape too: a single-topic table from a broker not yet registered is a
    // partial (one-topic) update racing ahead of the broker's first full registration.
    if (!addrs.has(input.brokerId) && input.topicConfigTable.size === 1) {
      return { kind: 'refused', reason: 'refused a one-topic register from a broker that has not registered yet' };
    }
    return undefined;
  }

  private updateTopics(input: RegisterBrokerInput, registerFirst: boolean, wipeWrite: boolean): void {
    const { brokerName } = input;
    const brokerChanged = this.isBrokerTopicConfigChanged(input.clusterName, input.brokerAddr, input.dataVersion);
    if (this.options.deleteTopicWithBrokerRegistration) {
      for (const topic of this.topicQueueTable.topicsOfBroker(brokerName)) {
        if (!input.topicConfigTable.has(topic)) this.topicQueueTable.removeBrokerFromTopic(topic, brokerName);
      }
    }
    for (const [topic, settings] of input.topicConfigTable) {
      if (!registerFirst && !brokerChanged && this.topicQueueTable.hasQueueData(topic, brokerName)) continue;
      // An acting master (prime slave) serves reads only.
      const perm = wipeWrite ? settings.perm & ~PermName.PERM_WRITE : settings.perm;
      this.topicQueueTable.upsert(topic, brokerName, { ...settings, perm });
    }
  }

  private masterOf(
    clusterName: string,
    brokerData: BrokerData,
    brokerId: number,
  ): { masterAddr: string | undefined; haServerAddr: string | undefined } {
    if (brokerId === MASTER_BROKER_ID) return { masterAddr: undefined, haServerAddr: undefined };
    const masterAddr = brokerData.brokerAddrs.get(MASTER_BROKER_ID);
    const master = masterAddr === undefined ? undefined : this.brokerLiveTable.get(brokerLiveKey(clusterName, masterAddr));
    return master === undefined ? { masterAddr: undefined, haServerAddr: undefined } : { masterAddr, haServerAddr: master.haServerAddr };
  }

  /** True when the broker is unknown or its DataVersion differs from the one last registered. */
  isBrokerTopicConfigChanged(clusterName: string, brokerAddr: string, dataVersion: DataVersion): boolean {
    const live = this.brokerLiveTable.get(brokerLiveKey(clusterName, brokerAddr));
    return live === undefined || !DataVersion.equals(live.dataVersion, dataVersion);
  }

  /** The DataVersion the namesrv holds for a broker (QUERY_DATA_VERSION reply body). */
  brokerDataVersion(clusterName: string, brokerAddr: string): DataVersion | undefined {
    return this.brokerLiveTable.get(brokerLiveKey(clusterName, brokerAddr))?.dataVersion;
  }

  /** BROKER_HEARTBEAT / QUERY_DATA_VERSION: refresh liveness only. Returns false for unknown brokers. */
  touchBroker(clusterName: string, brokerAddr: string): boolean {
    const live = this.brokerLiveTable.get(brokerLiveKey(clusterName, brokerAddr));
    if (live === undefined) return false;
    live.lastUpdateTimestampMs = this.clock.nowMs();
    return true;
  }

  /** UNREGISTER_BROKER (104), also used for expiry and connection close. */
  unregisterBroker(input: UnregisterBrokerInput): void {
    const { clusterName, brokerName, brokerAddr } = input;
    this.brokerLiveTable.delete(brokerLiveKey(clusterName, brokerAddr));
    const brokerData = this.brokerAddrTable.get(brokerName);
    if (brokerData === undefined) return;
    for (const [id, addr] of brokerData.brokerAddrs) if (addr === brokerAddr) brokerData.brokerAddrs.delete(id);
    if (brokerData.brokerAddrs.size === 0) {
      this.forgetBrokerName(clusterName, brokerName);
    } else if (brokerData.enableActingMaster && !brokerData.brokerAddrs.has(MASTER_BROKER_ID)) {
      // Master gone, slaves left: nobody may accept writes for this group until a master returns.
      this.topicQueueTable.updateWritePerm(brokerName, 'wipe');
    }
    this.logger.info({ clusterName, brokerName, brokerAddr, brokerId: input.brokerId }, 'broker unregistered');
  }

  private forgetBrokerName(clusterName: string, brokerName: string): void {
    this.brokerAddrTable.delete(brokerName);
    removeFromSet(this.clusterAddrTable, clusterName, brokerName);
    this.topicQueueTable.removeBroker(brokerName);
  }

  /** A remoting connection closed: unregister every broker address that registered over it. */
  onConnectionClosed(connectionId: number): number {
    const gone = [...this.brokerLiveTable.values()].filter((live) => live.connectionId === connectionId);
    for (const live of gone) this.unregisterLive(live);
    return gone.length;
  }

  /** Drops brokers silent for longer than their heartbeat timeout; returns their addresses. */
  scanNotActiveBroker(): string[] {
    const nowMs = this.clock.nowMs();
    const expired = [...this.brokerLiveTable.values()].filter((live) => live.lastUpdateTimestampMs + live.heartbeatTimeoutMs < nowMs);
    for (const live of expired) {
      this.logger.warn({ brokerAddr: live.brokerAddr, silentMs: nowMs - live.lastUpdateTimestampMs }, 'broker expired');
      this.unregisterLive(live);
    }
    return expired.map((live) => live.brokerAddr);
  }

  private unregisterLive(live: BrokerLiveInfo): void {
    for (const brokerData of this.brokerAddrTable.values()) {
      if (brokerData.cluster !== live.clusterName) continue;
      for (const [brokerId, addr] of brokerData.brokerAddrs) {
        if (addr !== live.brokerAddr) continue;
        this.unregisterBroker({ clusterName: live.clusterName, brokerName: brokerData.brokerName, brokerAddr: addr, brokerId });
        return;
      }
    }
    this.brokerLiveTable.delete(brokerLiveKey(live.clusterName, live.brokerAddr));
  }

  /** GET_ROUTEINFO_BY_TOPIC (105): undefined when no queue or no broker data exists. */
  pickupTopicRoute(topic: string): TopicRoute | undefined {
    const queueDatas = this.topicQueueTable.queueDatas(topic);
    if (queueDatas === undefined || queueDatas.length === 0) return undefined;
    const brokerDatas: BrokerData[] = [];
    for (const { brokerName } of queueDatas) {
      const brokerData = this.brokerAddrTable.get(brokerName);
      if (brokerData !== undefined) brokerDatas.push({ ...brokerData, brokerAddrs: new Map(brokerData.brokerAddrs) });
    }
    if (brokerDatas.length === 0) return undefined;
    if (this.options.supportActingMaster) substituteActingMasters(brokerDatas, queueDatas);
    return { queueDatas, brokerDatas };
  }

  /** GET_BROKER_CLUSTER_INFO (106). Live views: encode before the next mutation. */
  clusterInfo(): ClusterInfoView {
    return { brokerAddrTable: this.brokerAddrTable, clusterAddrTable: this.clusterAddrTable };
  }

  allTopics(): string[] {
    return this.topicQueueTable.topics();
  }

  /** GET_TOPICS_BY_CLUSTER (224): topics with queues on any broker group of the cluster. */
  topicsByCluster(clusterName: string): string[] {
    const brokerNames = this.clusterAddrTable.get(clusterName);
    if (brokerNames === undefined) return [];
    return this.allTopics().filter((topic) => (this.topicQueueTable.queueDatas(topic) ?? []).some((qd) => brokerNames.has(qd.brokerName)));
  }

  /** DELETE_TOPIC_IN_NAMESRV (216): from one cluster's brokers, or everywhere when no cluster given. */
  deleteTopic(topic: string, clusterName?: string): void {
    const brokerNames = clusterName === undefined || clusterName === '' ? undefined : this.clusterAddrTable.get(clusterName);
    if (brokerNames === undefined) {
      if (clusterName === undefined || clusterName === '') this.topicQueueTable.removeTopic(topic);
      return;
    }
    for (const brokerName of brokerNames) this.topicQueueTable.removeBrokerFromTopic(topic, brokerName);
  }

  wipeWritePermOfBroker(brokerName: string): number {
    return this.topicQueueTable.updateWritePerm(brokerName, 'wipe');
  }

  addWritePermOfBroker(brokerName: string): number {
    return this.topicQueueTable.updateWritePerm(brokerName, 'add');
  }

  /** GET_BROKER_MEMBER_GROUP (901): the group's addresses, empty when unknown. */
  brokerMemberGroup(clusterName: string, brokerName: string): BrokerMemberGroup {
    const brokerData = this.brokerAddrTable.get(brokerName);
    return { cluster: clusterName, brokerName, brokerAddrs: new Map(brokerData?.brokerAddrs ?? []) };
  }

  get liveBrokerCount(): number {
    return this.brokerLiveTable.size;
  }

  liveBroker(clusterName: string, brokerAddr: string): Readonly<BrokerLiveInfo> | undefined {
    return this.brokerLiveTable.get(brokerLiveKey(clusterName, brokerAddr));
  }
}

/**
 * Acting-master mode: a group with slaves but no master whose queues are read-only shows its
 * lowest-id slave under id 0, so clients that only read from id 0 keep consuming.
 */
function substituteActingMasters(brokerDatas: readonly BrokerData[], queueDatas: readonly { brokerName: string; perm: number }[]): void {
  for (const brokerData of brokerDatas) {
    const addrs = brokerData.brokerAddrs;
    if (addrs.size === 0 || addrs.has(MASTER_BROKER_ID) || !brokerData.enableActingMaster) continue;
    const queueData = queueDatas.find((qd) => qd.brokerName === brokerData.brokerName);
    if (queueData === undefined || isWriteable(queueData.perm)) continue;
    const lowestId = Math.min(...addrs.keys());
    const actingAddr = addrs.get(lowestId) as string;
    addrs.delete(lowestId);
    addrs.set(MASTER_BROKER_ID, actingAddr);
  }
}

function brokerLiveKey(clusterName: string, brokerAddr: string): string {
  return `${clusterName}\u0000${brokerAddr}`;
}

function addToSet(map: Map<string, Set<string>>, key: string, value: string): void {
  let set = map.get(key);
  if (set === undefined) {
    set = new Set();
    map.set(key, set);
  }
  set.add(value);
}

function removeFromSet(map: Map<string, Set<string>>, key: string, value: string): void {
  const set = map.get(key);
  if (set === undefined) return;
  set.delete(value);
  if (set.size === 0) map.delete(key);
}
