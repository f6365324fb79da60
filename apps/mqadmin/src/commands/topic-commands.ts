import type { BrokerTarget } from '@rocketmq-ts/client';

import type { Command } from '../cli/command';
import type { OptionValues } from '../cli/option-values';
import { humanTime, renderTable } from '../cli/table';
import { UsageError } from '@rocketmq-ts/config';

const TOPIC = { short: 't', long: 'topic', hasArg: true, required: true, description: 'topic name' } as const;

/** -b or -c, as Java's update/delete commands take them; one is required. */
export function brokerTarget(command: string, options: OptionValues): BrokerTarget {
  const brokerAddr = options.string('brokerAddr');
  const clusterName = options.string('clusterName');
  if (brokerAddr === undefined && clusterName === undefined) throw new UsageError('give -b <brokerAddr> or -c <clusterName>', command);
  return brokerAddr !== undefined ? { brokerAddr } : { clusterName };
}

export const topicList: Command = {
  name: 'topicList',
  summary: 'List every topic the name server knows.',
  options: [],
  async run({ admin }) {
    const topics = await admin().topicList();
    return { text: topics.join('\n'), json: { topics } };
  },
};

export const topicRoute: Command = {
  name: 'topicRoute',
  summary: "Print a topic's route: brokers and queue counts.",
  options: [TOPIC],
  async run({ options, admin }) {
    const route = await admin().topicRoute(options.requireString('topic'));
    const brokers = route.brokerDatas.flatMap((data) =>
      [...data.brokerAddrs].map(([brokerId, addr]) => ({ cluster: data.cluster, brokerName: data.brokerName, brokerId, addr })),
    );
    const queues = route.queueDatas.map((data) => ({
      brokerName: data.brokerName,
      readQueueNums: data.readQueueNums,
      writeQueueNums: data.writeQueueNums,
      perm: data.perm,
      topicSysFlag: data.topicSysFlag,
    }));
    const text = [
      renderTable(
        ['Cluster Name', 'Broker Name', 'BID', 'Addr'],
        brokers.map((one) => [one.cluster, one.brokerName, one.brokerId, one.addr]),
      ),
      '',
      renderTable(
        ['Broker Name', 'Read Queues', 'Write Queues', 'Perm'],
        queues.map((one) => [one.brokerName, one.readQueueNums, one.writeQueueNums, one.perm]),
      ),
    ].join('\n');
    return { text, json: { brokerDatas: brokers, queueDatas: queues, orderTopicConf: route.orderTopicConf } };
  },
};

export const topicStatus: Command = {
  name: 'topicStatus',
  summary: 'Print min/max offset and last store time of every queue of a topic.',
  options: [TOPIC],
  async run({ options, admin }) {
    const topic = options.requireString('topic');
    const status = await admin().topicStatus(topic);
    const queues = status.queues.map(({ queue, minOffset, maxOffset, lastUpdateTimestamp }) => ({
      brokerName: queue.brokerName,
      queueId: queue.queueId,
      minOffset,
      maxOffset,
      lastUpdateTimestamp,
    }));
    const table = renderTable(
      ['Broker Name', 'QID', 'Min Offset', 'Max Offset', 'Last Updated'],
      queues.map((one) => [one.brokerName, one.queueId, one.minOffset, one.maxOffset, humanTime(one.lastUpdateTimestamp)]),
    );
    return {
      text: `${table}\n\nTopic Put TPS: ${status.topicPutTps.toFixed(2)}`,
      json: { topic, queues, topicPutTps: status.topicPutTps },
    };
  },
};

export const updateTopic: Command = {
  name: 'updateTopic',
  summary: 'Create or update a topic on one broker (-b) or every master of a cluster (-c).',
  options: [
    TOPIC,
    { short: 'b', long: 'brokerAddr', hasArg: true, description: 'create the topic on this broker' },
    { short: 'c', long: 'clusterName', hasArg: true, description: 'create the topic on every master of this cluster' },
    { short: 'r', long: 'readQueueNums', hasArg: true, description: 'read queue count (default 8)' },
    { short: 'w', long: 'writeQueueNums', hasArg: true, description: 'write queue count (default 8)' },
    { short: 'p', long: 'perm', hasArg: true, description: "topic's permission: 2 write, 4 read, 6 read+write (default 6)" },
    { short: 'o', long: 'order', hasArg: true, description: 'ordered topic (true|false, default false)' },
    { short: 'a', long: 'attributes', hasArg: true, description: 'attributes, +key=value,-key (5.x)' },
  ],
  async run({ options, admin }) {
    const settings = {
      topic: options.requireString('topic'),
      readQueueNums: options.integer('readQueueNums') ?? 8,
      writeQueueNums: options.integer('writeQueueNums') ?? 8,
      perm: options.integer('perm') ?? 6,
      order: options.boolean('order') ?? false,
      attributes: options.string('attributes'),
    };
    const brokers = await admin().createOrUpdateTopic(settings, brokerTarget('updateTopic', options));
    const text = brokers.map((addr) => `create topic to ${addr} success.`).join('\n');
    return { text: `${text}\n${JSON.stringify(settings)}`, json: { ...settings, brokers } };
  },
};

export const deleteTopic: Command = {
  name: 'deleteTopic',
  summary: "Delete a topic from a cluster's brokers and from the name servers.",
  options: [TOPIC, { short: 'c', long: 'clusterName', hasArg: true, required: true, description: 'delete the topic from this cluster' }],
  async run({ options, admin }) {
    const topic = options.requireString('topic');
    const clusterName = options.requireString('clusterName');
    const brokers = await admin().deleteTopic(topic, clusterName);
    return { text: `delete topic [${topic}] from cluster [${clusterName}] success.`, json: { topic, clusterName, brokers } };
  },
};
