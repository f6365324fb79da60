import type { Command } from '../cli/command';
import { humanTime, renderTable } from '../cli/table';
import { messageDetail, messageJson, printableBody } from './message-view';

const TOPIC = { short: 't', long: 'topic', hasArg: true, required: true, description: 'topic name' } as const;

export const queryMsgById: Command = {
  name: 'queryMsgById',
  summary: 'Show a message by offsetMsgId, or by the producer msgId (UNIQ_KEY) with -t.',
  options: [
    { short: 'i', long: 'msgId', hasArg: true, required: true, description: 'message id (offsetMsgId, or the msgId a send returned)' },
    { short: 't', long: 'topic', hasArg: true, description: "topic (needed for a producer's msgId)" },
  ],
  async run({ options, admin }) {
    const messages = await admin().viewMessage(options.requireString('msgId'), options.string('topic'));
    return { text: messages.map(messageDetail).join('\n\n'), json: { messages: messages.map(messageJson) } };
  },
};

export const queryMsgByKey: Command = {
  name: 'queryMsgByKey',
  summary: 'Find messages by key (KEYS) through the index of every broker of the topic.',
  options: [
    TOPIC,
    { short: 'k', long: 'msgKey', hasArg: true, required: true, description: 'message key' },
    { short: 'b', long: 'beginTimestamp', hasArg: true, description: 'begin time, ms (default 0)' },
    { short: 'e', long: 'endTimestamp', hasArg: true, description: 'end time, ms (default: no end)' },
    { short: 'm', long: 'maxNum', hasArg: true, description: 'at most this many per broker (default 64)' },
  ],
  async run({ options, admin }) {
    const messages = await admin().queryMessageByKey({
      topic: options.requireString('topic'),
      key: options.requireString('msgKey'),
      beginTimestamp: options.integer('beginTimestamp'),
      endTimestamp: options.integer('endTimestamp'),
      maxNum: options.integer('maxNum'),
    });
    const text = renderTable(
      ['Message ID', 'Broker Name', 'QID', 'Offset', 'Store Time'],
      messages.map((one) => [one.msgId, one.brokerName, one.queueId, one.queueOffset, humanTime(one.storeTimestamp)]),
    );
    return { text, json: { messages: messages.map(messageJson) } };
  },
};

export const queryMsgTraceById: Command = {
  name: 'queryMsgTraceById',
  summary: 'Show the send and consume steps of a message from its trace records (clients with trace on).',
  options: [
    { short: 'i', long: 'msgId', hasArg: true, required: true, description: 'the msgId a send returned' },
    { short: 't', long: 'traceTopic', hasArg: true, description: 'trace topic (default RMQ_SYS_TRACE_TOPIC)' },
    { short: 'c', long: 'maxNum', hasArg: true, description: 'trace messages read per broker (default 64)' },
  ],
  async run({ options, admin }) {
    const views = await admin().queryMessageTrace(options.requireString('msgId'), options.string('traceTopic'), options.integer('maxNum'));
    const status = (success: boolean | undefined) => (success === undefined ? '' : success ? 'success' : 'failed');
    const cost = (ms: number | undefined) => (ms === undefined ? '' : `${ms}ms`);
    const pubs = views.filter((view) => view.type === 'Pub');
    const consumes = views.filter((view) => view.type === 'SubAfter');
    const sections: string[] = [];
    if (pubs.length > 0)
      sections.push(
        renderTable(
          ['#Type', '#ProducerGroup', '#ClientHost', '#SendTime', '#CostTimes', '#Status', '#StoreHost'],
          pubs.map((view) => [
            'Pub',
            view.groupName,
            view.clientHost,
            humanTime(view.timestamp),
            cost(view.costTimeMs),
            status(view.success),
            view.storeHost ?? '',
          ]),
        ),
      );
    for (const group of new Set(consumes.map((view) => view.groupName))) {
      const rows = consumes
        .filter((view) => view.groupName === group)
        .map((view) => ['Sub', group, view.clientHost, humanTime(view.timestamp), cost(view.costTimeMs), status(view.success), '']);
      sections.push(renderTable(['#Type', '#ConsumerGroup', '#ClientHost', '#ConsumerTime', '#CostTimes', '#Status', ''], rows));
    }
    return { text: sections.join('\n\n'), json: { msgId: options.requireString('msgId'), traces: views } };
  },
};

export const queryMsgByOffset: Command = {
  name: 'queryMsgByOffset',
  summary: 'Show the message at an offset of one queue.',
  options: [
    TOPIC,
    { short: 'b', long: 'brokerName', hasArg: true, required: true, description: 'broker name' },
    { short: 'i', long: 'queueId', hasArg: true, required: true, description: 'queue id' },
    { short: 'o', long: 'offset', hasArg: true, required: true, description: 'queue offset' },
  ],
  async run({ options, admin }) {
    const queue = {
      topic: options.requireString('topic'),
      brokerName: options.requireString('brokerName'),
      queueId: options.requireInteger('queueId'),
    };
    const message = await admin().queryMessageByOffset(queue, options.requireInteger('offset'));
    return { text: messageDetail(message), json: { message: messageJson(message) } };
  },
};

export const sendMessage: Command = {
  name: 'sendMessage',
  summary: 'Send one message.',
  options: [
    TOPIC,
    { short: 'p', long: 'body', hasArg: true, required: true, description: 'message body (UTF-8 text)' },
    { short: 'k', long: 'key', hasArg: true, description: 'message keys' },
    { short: 'c', long: 'tags', hasArg: true, description: 'message tags' },
    { short: 'b', long: 'broker', hasArg: true, description: 'send to this broker name (with -i)' },
    { short: 'i', long: 'qid', hasArg: true, description: 'send to this queue id (with -b)' },
  ],
  async run({ options, admin }) {
    const result = await admin().sendMessage({
      topic: options.requireString('topic'),
      body: options.requireString('body'),
      keys: options.string('key'),
      tags: options.string('tags'),
      brokerName: options.string('broker'),
      queueId: options.integer('qid'),
    });
    const text = renderTable(
      ['Broker Name', 'QID', 'Send Result', 'MsgId', 'OffsetMsgId'],
      [[result.messageQueue.brokerName, result.messageQueue.queueId, result.sendStatus, result.msgId, result.offsetMsgId]],
    );
    return { text, json: result };
  },
};

export const consumeMessage: Command = {
  name: 'consumeMessage',
  summary: 'Read messages from queues (by offset or time range) without committing.',
  options: [
    TOPIC,
    { short: 'b', long: 'brokerName', hasArg: true, description: 'only this broker' },
    { short: 'i', long: 'queueId', hasArg: true, description: 'only this queue' },
    { short: 'o', long: 'offset', hasArg: true, description: 'start at this queue offset' },
    { short: 'g', long: 'consumerGroup', hasArg: true, description: 'group the pulls name (default TOOLS_CONSUMER; nothing is committed)' },
    {
      short: 's',
      long: 'beginTimestamp',
      hasArg: true,
      description: 'start at the first message stored at or after this time (ms or yyyy-MM-dd#HH:mm:ss:SSS)',
    },
    { short: 'e', long: 'endTimestamp', hasArg: true, description: 'stop before the first message stored at or after this time' },
    { short: 'c', long: 'MessageNumber', hasArg: true, description: 'at most this many messages (default 128)' },
  ],
  async run({ options, admin }) {
    const messages = await admin().consumeMessages({
      topic: options.requireString('topic'),
      brokerName: options.string('brokerName'),
      queueId: options.integer('queueId'),
      offset: options.integer('offset'),
      group: options.string('consumerGroup'),
      beginTimestamp: options.timestamp('beginTimestamp'),
      endTimestamp: options.timestamp('endTimestamp'),
      count: options.integer('MessageNumber'),
    });
    const text = renderTable(
      ['Broker Name', 'QID', 'Offset', 'MsgId', 'Store Time', 'Tags', 'Keys', 'Body'],
      messages.map((one) => [
        one.brokerName,
        one.queueId,
        one.queueOffset,
        one.msgId,
        humanTime(one.storeTimestamp),
        one.tags ?? '',
        one.keys.join(' '),
        printableBody(one.body),
      ]),
    );
    return { text: `${text}\n\nConsumed ${messages.length} message(s).`, json: { messages: messages.map(messageJson) } };
  },
};
