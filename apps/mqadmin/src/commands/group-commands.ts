import { createSubscriptionGroupConfig, mqVersionName } from '@rocketmq-ts/protocol';

import type { Command } from '../cli/command';
import { humanTime, renderTable } from '../cli/table';
import { brokerTarget } from './topic-commands';

const GROUP = { short: 'g', long: 'groupName', hasArg: true, required: true, description: 'consumer group name' } as const;
const BROKER = { short: 'b', long: 'brokerAddr', hasArg: true, description: 'only this broker' } as const;
const CLUSTER = { short: 'c', long: 'clusterName', hasArg: true, description: 'every master of this cluster' } as const;

export const updateSubGroup: Command = {
  name: 'updateSubGroup',
  summary: 'Create or update a subscription (consumer) group on one broker or a cluster.',
  options: [
    GROUP,
    BROKER,
    CLUSTER,
    { short: 's', long: 'consumeEnable', hasArg: true, description: 'consume enable (true|false, default true)' },
    { short: 'm', long: 'consumeFromMinEnable', hasArg: true, description: 'from min offset (true|false, default true)' },
    { short: 'd', long: 'consumeBroadcastEnable', hasArg: true, description: 'broadcast (true|false, default true)' },
    { short: 'o', long: 'consumeMessageOrderly', hasArg: true, description: 'orderly (true|false, default false)' },
    { short: 'q', long: 'retryQueueNums', hasArg: true, description: 'retry queue count (default 1)' },
    { short: 'r', long: 'retryMaxTimes', hasArg: true, description: 'retry max times (default 16)' },
    { short: 'i', long: 'brokerId', hasArg: true, description: 'consume from this broker id (default 0)' },
    { short: 'w', long: 'whichBrokerWhenConsumeSlowly', hasArg: true, description: 'broker id when consuming slowly (default 1)' },
    { short: 'a', long: 'notifyConsumerIdsChanged', hasArg: true, description: 'notify consumer ids changed (true|false, default true)' },
  ],
  async run({ options, admin }) {
    const config = createSubscriptionGroupConfig(options.requireString('groupName'), {
      consumeEnable: options.boolean('consumeEnable') ?? true,
      consumeFromMinEnable: options.boolean('consumeFromMinEnable') ?? true,
      consumeBroadcastEnable: options.boolean('consumeBroadcastEnable') ?? true,
      consumeMessageOrderly: options.boolean('consumeMessageOrderly') ?? false,
      retryQueueNums: options.integer('retryQueueNums') ?? 1,
      retryMaxTimes: options.integer('retryMaxTimes') ?? 16,
      brokerId: options.integer('brokerId') ?? 0,
      whichBrokerWhenConsumeSlowly: options.integer('whichBrokerWhenConsumeSlowly') ?? 1,
      notifyConsumerIdsChangedEnable: options.boolean('notifyConsumerIdsChanged') ?? true,
    });
    const brokers = await admin().updateSubscriptionGroup(config, brokerTarget('updateSubGroup', options));
    const text = brokers.map((addr) => `create subscription group to ${addr} success.`).join('\n');
    return { text: `${text}\n${JSON.stringify(config)}`, json: { ...config, brokers } };
  },
};

export const deleteSubGroup: Command = {
  name: 'deleteSubGroup',
  summary: 'Delete a subscription group from one broker or a cluster (with its %RETRY%/%DLQ% topics).',
  options: [
    GROUP,
    BROKER,
    CLUSTER,
    { short: 'r', long: 'removeOffset', hasArg: true, description: 'also remove its offsets (true|false, default false)' },
  ],
  async run({ options, admin }) {
    const group = options.requireString('groupName');
    const brokers = await admin().deleteSubscriptionGroup(
      group,
      brokerTarget('deleteSubGroup', options),
      options.boolean('removeOffset') ?? false,
    );
    return {
      text: brokers.map((addr) => `delete subscription group [${group}] from broker [${addr}] success.`).join('\n'),
      json: { group, brokers },
    };
  },
};

export const consumerProgress: Command = {
  name: 'consumerProgress',
  summary: "Print a consumer group's progress and lag per queue.",
  options: [GROUP, { short: 't', long: 'topicName', hasArg: true, description: 'only this topic' }],
  async run({ options, admin }) {
    const progress = await admin().consumerProgress(options.requireString('groupName'), options.string('topicName'));
    const queues = progress.queues.map(({ queue, ...offsets }) => ({
      topic: queue.topic,
      brokerName: queue.brokerName,
      queueId: queue.queueId,
      ...offsets,
    }));
    const table = renderTable(
      ['Topic', 'Broker Name', 'QID', 'Broker Offset', 'Consumer Offset', 'Diff', 'Inflight', 'LastTime'],
      queues.map((one) => [
        one.topic,
        one.brokerName,
        one.queueId,
        one.brokerOffset,
        one.consumerOffset,
        one.diff,
        one.inflight,
        one.lastTimestamp > 0 ? humanTime(one.lastTimestamp) : 'N/A',
      ]),
    );
    const totals = [
      `Consume TPS: ${progress.consumeTps.toFixed(2)}`,
      `Consume Diff Total: ${progress.diffTotal}`,
      `Consume Inflight Total: ${progress.inflightTotal}`,
    ];
    return {
      text: [table, '', ...totals].join('\n'),
      json: {
        group: progress.group,
        queues,
        consumeTps: progress.consumeTps,
        diffTotal: progress.diffTotal,
        inflightTotal: progress.inflightTotal,
      },
    };
  },
};

export const consumerConnection: Command = {
  name: 'consumerConnection',
  summary: "Print a consumer group's connections, client versions and subscriptions.",
  options: [{ ...GROUP, long: 'consumerGroup' }, BROKER],
  async run({ options, admin }) {
    const group = options.requireString('consumerGroup');
    const body = await admin().consumerConnection(group, options.string('brokerAddr'));
    const connections = body.connectionSet.map((one) => ({ ...one, versionDesc: mqVersionName(one.version) }));
    const subscriptions = [...body.subscriptionTable.values()].map((sub) => ({
      topic: sub.topic,
      subExpression: sub.subString,
      expressionType: sub.expressionType,
    }));
    const text = [
      renderTable(
        ['ClientId', 'ClientAddr', 'Language', 'Version'],
        connections.map((one) => [one.clientId, one.clientAddr, one.language, one.versionDesc]),
      ),
      '',
      'Below is subscription:',
      renderTable(
        ['Topic', 'SubExpression'],
        subscriptions.map((sub) => [sub.topic, sub.subExpression]),
      ),
      '',
      `ConsumeType: ${body.consumeType}`,
      `MessageModel: ${body.messageModel}`,
      `ConsumeFromWhere: ${body.consumeFromWhere}`,
    ].join('\n');
    return {
      text,
      json: {
        group,
        connections,
        subscriptions,
        consumeType: body.consumeType,
        messageModel: body.messageModel,
        consumeFromWhere: body.consumeFromWhere,
      },
    };
  },
};

export const producerConnection: Command = {
  name: 'producerConnection',
  summary: "Print a producer group's connections and client versions.",
  options: [
    { short: 'g', long: 'producerGroup', hasArg: true, required: true, description: 'producer group name' },
    { short: 't', long: 'topic', hasArg: true, required: true, description: 'a topic the group sends to (its brokers are asked)' },
  ],
  async run({ options, admin }) {
    const group = options.requireString('producerGroup');
    const body = await admin().producerConnection(group, options.requireString('topic'));
    const connections = body.connectionSet.map((one) => ({ ...one, versionDesc: mqVersionName(one.version) }));
    const text = renderTable(
      ['ClientId', 'ClientAddr', 'Language', 'Version'],
      connections.map((one) => [one.clientId, one.clientAddr, one.language, one.versionDesc]),
    );
    return { text, json: { group, connections } };
  },
};

export const resetOffsetByTime: Command = {
  name: 'resetOffsetByTime',
  summary: "Reset a group's offsets on a topic to a time (online members follow at once).",
  options: [
    { short: 'g', long: 'group', hasArg: true, required: true, description: 'consumer group' },
    { short: 't', long: 'topic', hasArg: true, required: true, description: 'topic' },
    {
      short: 's',
      long: 'timestamp',
      hasArg: true,
      required: true,
      description: 'now | milliseconds | yyyy-MM-dd#HH:mm:ss:SSS; -1 = the end of each queue',
    },
    { short: 'f', long: 'force', hasArg: true, description: 'also move offsets forward (true|false, default true)' },
    { short: 'b', long: 'broker', hasArg: true, description: 'only this broker address' },
    { short: 'q', long: 'queue', hasArg: true, description: 'only this queue id (with -b and -o: that queue to that offset)' },
    { short: 'o', long: 'offset', hasArg: true, description: 'exact offset for the queue given by -q' },
  ],
  async run({ options, admin }) {
    const request = {
      group: options.requireString('group'),
      topic: options.requireString('topic'),
      timestamp: options.timestamp('timestamp') ?? -1,
      force: options.boolean('force') ?? true,
      brokerAddr: options.string('broker'),
      queueId: options.integer('queue'),
      offset: options.integer('offset'),
    };
    const reset = await admin().resetOffsetByTime(request);
    const offsets = reset.map(({ queue, offset }) => ({ brokerName: queue.brokerName, queueId: queue.queueId, offset }));
    const header = `rollback consumer offset by specified group[${request.group}], topic[${request.topic}], force[${request.force}], timestamp(string)[${humanTime(request.timestamp)}], timestamp(long)[${request.timestamp}]`;
    const text = [
      header,
      '',
      renderTable(
        ['brokerName', 'queueId', 'offset'],
        offsets.map((one) => [one.brokerName, one.queueId, one.offset]),
      ),
    ].join('\n');
    return { text, json: { group: request.group, topic: request.topic, timestamp: request.timestamp, force: request.force, offsets } };
  },
};
