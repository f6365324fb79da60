import { splitAddressList } from '@rocketmq-ts/base';
import type { ReplicaIdentity } from '@rocketmq-ts/protocol';

import type { Command } from '../cli/command';
import { UsageError } from '@rocketmq-ts/config';

/**
 * Controller-mode commands (docs/controller.md#codes), with Java mqadmin's options and output
 * lines, so scripts that read Apache's output read ours.
 */

const CONTROLLER_OPTION = {
  short: 'a',
  long: 'controllerAddress',
  hasArg: true,
  required: true,
  description: 'controller address(es), e.g. 127.0.0.1:9878;127.0.0.1:9868',
} as const;

function replicaText(replica: ReplicaIdentity): string {
  return `ReplicaIdentity{brokerName='${replica.brokerName}', brokerId=${replica.brokerId}, brokerAddress='${replica.brokerAddress}', alive=${replica.alive}}`;
}

export const getControllerMetaData: Command = {
  name: 'getControllerMetaData',
  summary: 'Print the controller group, its leader and its peers (CONTROLLER_GET_METADATA_INFO).',
  options: [CONTROLLER_OPTION],
  async run({ options, admin }) {
    const address = splitAddressList(options.string('controllerAddress') ?? '')[0] ?? '';
    const meta = await admin().controllerMetaData(address);
    const peers = splitAddressList(meta.peers ?? '');
    const text = [
      '',
      `#ControllerGroup\t${meta.group ?? 'null'}`,
      `#ControllerLeaderId\t${meta.controllerLeaderId ?? 'null'}`,
      `#ControllerLeaderAddress\t${meta.controllerLeaderAddress ?? 'null'}`,
      ...peers.map((peer) => `#Peer:\t${peer}`),
    ].join('\n');
    return { text, json: { ...meta, peers } };
  },
};

export const getSyncStateSet: Command = {
  name: 'getSyncStateSet',
  summary: 'Print the master, epochs and in-sync replicas of broker sets (CONTROLLER_GET_SYNC_STATE_DATA).',
  options: [
    CONTROLLER_OPTION,
    { short: 'b', long: 'brokerName', hasArg: true, description: 'the broker set' },
    { short: 'c', long: 'clusterName', hasArg: true, description: 'every broker set of this cluster (names from the name server)' },
  ],
  async run({ options, admin }) {
    const brokerName = options.string('brokerName');
    const clusterName = options.string('clusterName');
    if (brokerName === undefined && clusterName === undefined)
      throw new UsageError('give -b <brokerName> or -c <clusterName>', 'getSyncStateSet');
    const names =
      brokerName !== undefined ? [brokerName] : [...((await admin().clusterInfo()).clusterAddrTable.get(clusterName ?? '') ?? [])];
    const info = await admin().syncStateSet(options.string('controllerAddress') ?? '', names);
    const lines: string[] = [];
    const json: Record<string, unknown> = {};
    for (const [name, replicas] of [...info.replicasInfoTable].sort(([left], [right]) => left.localeCompare(right))) {
      lines.push(
        '',
        `#brokerName\t${name}`,
        `#MasterBrokerId\t${replicas.masterBrokerId ?? 'null'}`,
        `#MasterAddr\t${replicas.masterAddress ?? 'null'}`,
        `#MasterEpoch\t${replicas.masterEpoch}`,
        `#SyncStateSetEpoch\t${replicas.syncStateSetEpoch}`,
        `#SyncStateSetNums\t${replicas.inSyncReplicas.length}`,
      );
      for (const replica of replicas.inSyncReplicas) lines.push('', `InSyncReplica:\t${replicaText(replica)}`);
      for (const replica of replicas.notInSyncReplicas) lines.push('', `NotInSyncReplica:\t${replicaText(replica)}`);
      json[name] = replicas;
    }
    return { text: lines.join('\n'), json };
  },
};

export const electMaster: Command = {
  name: 'electMaster',
  summary: 'Make a live in-sync replica the master of its broker set (CONTROLLER_ELECT_MASTER, designated).',
  options: [
    CONTROLLER_OPTION,
    { short: 'c', long: 'clusterName', hasArg: true, required: true, description: 'cluster name' },
    { short: 'bn', long: 'brokerName', hasArg: true, required: true, description: 'broker set name' },
    { short: 'b', long: 'brokerId', hasArg: true, required: true, description: 'controller id of the replica to elect' },
  ],
  async run({ options, admin }) {
    const clusterName = options.string('clusterName') ?? '';
    const brokerName = options.string('brokerName') ?? '';
    const brokerId = options.integer('brokerId') ?? -1;
    const result = await admin().electMaster(options.string('controllerAddress') ?? '', clusterName, brokerName, brokerId);
    const text = [
      '',
      `#ClusterName\t${clusterName}`,
      `#BrokerName\t${brokerName}`,
      `#BrokerMasterAddr\t${result.header.masterAddress ?? 'null'}`,
      `#MasterEpoch\t${result.header.masterEpoch ?? 'null'}`,
      `#SyncStateSetEpoch\t${result.header.syncStateSetEpoch ?? 'null'}`,
      ...[...(result.body?.brokerMemberGroup?.brokerAddrs ?? [])].map(([id, addr]) => `#Broker\t${id}\t${addr}`),
    ].join('\n');
    return {
      text,
      json: {
        ...result.header,
        members: Object.fromEntries(result.body?.brokerMemberGroup?.brokerAddrs ?? []),
        syncStateSet: result.body?.syncStateSet ?? [],
      },
    };
  },
};

export const getBrokerEpoch: Command = {
  name: 'getBrokerEpoch',
  summary: "Print controller-mode brokers' epoch lists (GET_BROKER_EPOCH_CACHE).",
  options: [
    { short: 'b', long: 'brokerName', hasArg: true, description: 'the broker set' },
    { short: 'c', long: 'clusterName', hasArg: true, description: 'every broker set of this cluster' },
  ],
  async run({ options, admin }) {
    const brokerName = options.string('brokerName');
    const clusterName = options.string('clusterName');
    if (brokerName === undefined && clusterName === undefined)
      throw new UsageError('give -b <brokerName> or -c <clusterName>', 'getBrokerEpoch');
    const cluster = await admin().clusterInfo();
    const names = brokerName !== undefined ? [brokerName] : [...(cluster.clusterAddrTable.get(clusterName ?? '') ?? [])];
    const lines: string[] = [];
    const json: unknown[] = [];
    for (const name of names) {
      const brokers = cluster.brokerAddrTable.get(name);
      for (const [id, addr] of [...(brokers?.brokerAddrs ?? [])].sort(([left], [right]) => left - right)) {
        const cache = await admin().brokerEpochCache(addr);
        lines.push(
          '',
          `#clusterName\t${cache.clusterName ?? brokers?.cluster ?? ''}`,
          `#brokerName\t${cache.brokerName ?? name}`,
          `#brokerAddr\t${addr}`,
          `#brokerId\t${id}`,
        );
        for (const entry of cache.epochList)
          lines.push(`#Epoch: EpochEntry{epoch=${entry.epoch}, startOffset=${entry.startOffset}, endOffset=${entry.endOffset}}`);
        json.push({
          brokerAddr: addr,
          brokerId: id,
          maxOffset: cache.maxOffset.toString(),
          epochList: cache.epochList.map((entry) => ({
            epoch: entry.epoch,
            startOffset: entry.startOffset.toString(),
            endOffset: entry.endOffset.toString(),
          })),
        });
      }
    }
    return { text: lines.join('\n'), json };
  },
};

export const getControllerConfig: Command = {
  name: 'getControllerConfig',
  summary: "Print each controller's configuration (GET_CONTROLLER_CONFIG).",
  options: [CONTROLLER_OPTION],
  async run({ options, admin }) {
    const lines: string[] = [];
    const json: Record<string, unknown> = {};
    for (const address of splitAddressList(options.string('controllerAddress') ?? '')) {
      const config = await admin().controllerConfig(address);
      lines.push(`============${address}============`);
      for (const [key, value] of config) lines.push(`${key.padEnd(50)}=  ${value}`);
      json[address] = Object.fromEntries(config);
    }
    return { text: lines.join('\n'), json };
  },
};

export const updateControllerConfig: Command = {
  name: 'updateControllerConfig',
  summary: 'Change one configuration key on each listed controller (UPDATE_CONTROLLER_CONFIG).',
  options: [
    CONTROLLER_OPTION,
    { short: 'k', long: 'key', hasArg: true, required: true, description: 'config key' },
    { short: 'v', long: 'value', hasArg: true, required: true, description: 'config value' },
  ],
  async run({ options, admin }) {
    const key = options.string('key') ?? '';
    const value = options.string('value') ?? '';
    const updated: string[] = [];
    for (const address of splitAddressList(options.string('controllerAddress') ?? '')) {
      await admin().updateControllerConfig(address, key, value);
      updated.push(address);
    }
    // As Java prints it: the address list as a Java List, then the pair.
    return { text: `update controller config success![${updated.join(', ')}]\n${key} : ${value}`, json: { key, value, updated } };
  },
};

export const cleanBrokerMetadata: Command = {
  name: 'cleanBrokerMetadata',
  summary: "Forget broker replicas' controller metadata (CLEAN_BROKER_DATA).",
  options: [
    CONTROLLER_OPTION,
    { short: 'bn', long: 'brokerName', hasArg: true, required: true, description: 'broker set name' },
    {
      short: 'b',
      long: 'brokerControllerIdsToClean',
      hasArg: true,
      description: 'controller ids to forget, e.g. 1;2 (default: the whole set)',
    },
    { short: 'c', long: 'clusterName', hasArg: true, description: 'cluster name' },
    { short: 'l', long: 'cleanLivingBroker', hasArg: false, description: 'also forget replicas that are still alive' },
  ],
  async run({ options, admin }) {
    const brokerName = options.string('brokerName') ?? '';
    await admin().cleanBrokerMetadata(options.string('controllerAddress') ?? '', {
      clusterName: options.string('clusterName'),
      brokerName,
      brokerControllerIdsToClean: options.string('brokerControllerIdsToClean'),
      isCleanLivingBroker: options.flag('cleanLivingBroker'),
    });
    return { text: `clear broker ${brokerName} metadata from controller success!`, json: { brokerName, cleaned: true } };
  },
};

export const CONTROLLER_COMMANDS: readonly Command[] = [
  getControllerMetaData,
  getSyncStateSet,
  electMaster,
  getBrokerEpoch,
  getControllerConfig,
  updateControllerConfig,
  cleanBrokerMetadata,
];
