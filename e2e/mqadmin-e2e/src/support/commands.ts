import { BROKER_NAME, CLUSTER } from './clusters';

/** Names the suite creates; the same on both clusters so that outputs line up. */
export const TOPIC = 'AdminTopic';
export const GROUP = 'AdminGroup';
export const PRODUCER_GROUP = 'AdminProducerGroup';
export const SCRATCH_TOPIC = 'AdminScratchTopic';
export const SCRATCH_GROUP = 'AdminScratchGroup';
export const MESSAGES = 20;
export const KEY_PREFIX = 'adminkey';
/** Changed by updateBrokerConfig and read back by getBrokerConfig; a key both brokers read per send. */
export const UPDATED_KEY = 'maxMessageSize';
export const UPDATED_VALUE = '2097152';

export interface CommandContext {
  readonly namesrvAddr: string;
  readonly brokerAddr: string;
  /** Offset message id of the first message sent (queryMsgById). */
  readonly offsetMsgId: string;
  readonly firstQueueId: number;
}

export interface AdminCommand {
  /** Unique within the suite: the command name, with a suffix when it runs twice. */
  readonly id: string;
  readonly args: readonly string[];
}

/** Creates what the workload uses (before producers and consumers start). */
export function setupCommands(ns: string): AdminCommand[] {
  return [
    { id: 'updateTopic', args: ['updateTopic', '-n', ns, '-c', CLUSTER, '-t', TOPIC, '-r', '4', '-w', '4'] },
    { id: 'updateSubGroup', args: ['updateSubGroup', '-n', ns, '-c', CLUSTER, '-g', GROUP] },
    { id: 'updateTopic(scratch)', args: ['updateTopic', '-n', ns, '-c', CLUSTER, '-t', SCRATCH_TOPIC, '-r', '2', '-w', '2'] },
    { id: 'updateSubGroup(scratch)', args: ['updateSubGroup', '-n', ns, '-c', CLUSTER, '-g', SCRATCH_GROUP] },
  ];
}

/** The acceptance list, run while the workload's producer and consumer are online. */
export function liveCommands(context: CommandContext): AdminCommand[] {
  const ns = context.namesrvAddr;
  const broker = context.brokerAddr;
  return [
    { id: 'clusterList', args: ['clusterList', '-n', ns] },
    { id: 'topicList', args: ['topicList', '-n', ns] },
    { id: 'topicList -c', args: ['topicList', '-n', ns, '-c'] },
    { id: 'topicRoute', args: ['topicRoute', '-n', ns, '-t', TOPIC] },
    { id: 'topicStatus', args: ['topicStatus', '-n', ns, '-t', TOPIC] },
    { id: 'consumerProgress', args: ['consumerProgress', '-n', ns, '-g', GROUP] },
    { id: 'consumerConnection', args: ['consumerConnection', '-n', ns, '-g', GROUP] },
    { id: 'producerConnection', args: ['producerConnection', '-n', ns, '-g', PRODUCER_GROUP, '-t', TOPIC] },
    { id: 'brokerStatus', args: ['brokerStatus', '-n', ns, '-b', broker] },
    { id: 'getBrokerConfig', args: ['getBrokerConfig', '-n', ns, '-b', broker] },
    { id: 'updateBrokerConfig', args: ['updateBrokerConfig', '-n', ns, '-b', broker, '-k', UPDATED_KEY, '-v', UPDATED_VALUE] },
    { id: 'getBrokerConfig(after update)', args: ['getBrokerConfig', '-n', ns, '-b', broker] },
    { id: 'queryMsgById', args: ['queryMsgById', '-n', ns, '-t', TOPIC, '-i', context.offsetMsgId] },
    { id: 'queryMsgByKey', args: ['queryMsgByKey', '-n', ns, '-t', TOPIC, '-k', `${KEY_PREFIX}-0`] },
    {
      id: 'queryMsgByOffset',
      args: ['queryMsgByOffset', '-n', ns, '-t', TOPIC, '-b', BROKER_NAME, '-i', String(context.firstQueueId), '-o', '0'],
    },
    { id: 'statsAll', args: ['statsAll', '-n', ns, '-t', TOPIC] },
    { id: 'getNamesrvConfig', args: ['getNamesrvConfig', '-n', ns] },
    { id: 'updateKvConfig', args: ['updateKvConfig', '-n', ns, '-s', 'AdminNamespace', '-k', 'adminKey', '-v', 'adminValue'] },
    { id: 'wipeWritePerm', args: ['wipeWritePerm', '-n', ns, '-b', BROKER_NAME] },
    { id: 'addWritePerm', args: ['addWritePerm', '-n', ns, '-b', BROKER_NAME] },
    { id: 'resetOffsetByTime', args: ['resetOffsetByTime', '-n', ns, '-g', GROUP, '-t', TOPIC, '-s', '0'] },
    { id: 'deleteSubGroup', args: ['deleteSubGroup', '-n', ns, '-c', CLUSTER, '-g', SCRATCH_GROUP] },
    { id: 'deleteTopic', args: ['deleteTopic', '-n', ns, '-c', CLUSTER, '-t', SCRATCH_TOPIC] },
  ];
}
