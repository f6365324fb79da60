import { encodeMessageProperties, javaStringHashCode, MessageConst } from '@rocketmq-ts/model';
import { RequestCode, ResponseCode, SendMessageRequestHeaderV2, SendMessageResponseHeader } from '@rocketmq-ts/protocol';
import type { RemotingRequestHandler } from '@rocketmq-ts/remoting';

import { v2CodeOf } from './grpc-converters';
import type { LocalCall } from './local-remoting';
import type { RouteSource } from './route-activity';
import type { TransactionActivity } from './transaction-activity';
import { fromDuration, type V2Message, type V2Status, v2Status } from './v2-types';

const TRANSACTION_PREPARED_TYPE = 0x1 << 2;
const COMPRESSED_FLAG = 0x1;

export interface SendEntry {
  readonly status: V2Status;
  readonly message_id: string;
  readonly transaction_id: string;
  readonly offset: number;
}

/**
 * SendMessage (docs/grpc-and-pop.md#grpc-endpoint): each v2 message becomes a SEND_MESSAGE_V2 run
 * through the broker's own send processor (so topic checks, timers, delay levels, transactions and
 * replication apply exactly as for a remoting producer). The server picks the queue: by message
 * group hash for FIFO messages, round robin otherwise. One entry per message.
 */
export class ProducerActivity {
  private roundRobin = 0;

  constructor(
    private readonly send: RemotingRequestHandler,
    private readonly topics: RouteSource,
    private readonly transactions: TransactionActivity,
    /** bornTimestamp of a message whose client sent none. */
    private readonly now: () => number,
  ) {}

  async sendMessages(call: LocalCall, messages: readonly V2Message[]): Promise<{ status: V2Status; entries: SendEntry[] }> {
    if (messages.length === 0) return { status: v2Status('BAD_REQUEST', 'no message to send'), entries: [] };
    const entries: SendEntry[] = [];
    for (const message of messages) entries.push(await this.sendOne(call, message));
    const codes = new Set(entries.map((entry) => entry.status.code));
    const status =
      codes.size === 1 ? (entries[0]?.status ?? v2Status('OK')) : v2Status('MULTIPLE_RESULTS', 'the messages had different outcomes');
    return { status, entries };
  }

  private async sendOne(call: LocalCall, message: V2Message): Promise<SendEntry> {
    const system = message.system_properties;
    const messageId = system.message_id;
    const refused = (status: V2Status): SendEntry => ({ status, message_id: messageId, transaction_id: '', offset: 0 });
    const topic = message.topic.name;
    if (topic === '') return refused(v2Status('ILLEGAL_TOPIC', 'topic is blank'));
    if (messageId === '') return refused(v2Status('BAD_REQUEST', 'message_id is blank'));
    if (message.body.length === 0) return refused(v2Status('MESSAGE_BODY_EMPTY', 'message body is empty'));
    const config = this.topics.selectTopicConfig(topic);
    if (config === undefined) return refused(v2Status('TOPIC_NOT_FOUND', `topic ${topic} not found`));

    const properties = new Map<string, string>(Object.entries(message.user_properties));
    properties.set(MessageConst.PROPERTY_UNIQ_CLIENT_MESSAGE_ID_KEYIDX, messageId);
    properties.set(MessageConst.PROPERTY_PRODUCER_GROUP, topic);
    properties.set(MessageConst.PROPERTY_WAIT_STORE_MSG_OK, 'true');
    if (system.tag !== undefined && system.tag !== null && system.tag !== '') properties.set(MessageConst.PROPERTY_TAGS, system.tag);
    if (system.keys.length > 0) properties.set(MessageConst.PROPERTY_KEYS, system.keys.join(' '));
    const group = system.message_group ?? '';
    if (group !== '') properties.set('__SHARDINGKEY', group);
    const deliverMs = fromDuration(system.delivery_timestamp);
    if (deliverMs !== undefined && deliverMs > 0) properties.set('TIMER_DELIVER_MS', String(deliverMs));
    if (system.trace_context !== undefined && system.trace_context !== null && system.trace_context !== '')
      properties.set(MessageConst.PROPERTY_TRACE_CONTEXT, system.trace_context);
    let sysFlag = system.body_encoding === 'GZIP' ? COMPRESSED_FLAG : 0;
    if (system.message_type === 'TRANSACTION') {
      properties.set(MessageConst.PROPERTY_TRANSACTION_PREPARED, 'true');
      sysFlag |= TRANSACTION_PREPARED_TYPE;
    }

    const queues = Math.max(1, config.writeQueueNums);
    const queueId = group !== '' ? Math.abs(javaStringHashCode(group)) % queues : this.roundRobin++ % queues;
    const header = SendMessageRequestHeaderV2.encodeFromV1({
      producerGroup: topic,
      topic,
      defaultTopic: 'TBW102',
      defaultTopicQueueNums: 4,
      queueId,
      sysFlag,
      bornTimestamp: fromDuration(system.born_timestamp) ?? this.now(),
      flag: 0,
      properties: encodeMessageProperties(properties),
      reconsumeTimes: Math.max(0, (system.delivery_attempt ?? 1) - 1),
    });
    const response = await call.request(this.send, RequestCode.SEND_MESSAGE_V2, header, message.body);
    if (response === undefined) return refused(v2Status('INTERNAL_SERVER_ERROR', 'no answer'));
    if (response.code !== ResponseCode.SUCCESS)
      return refused(v2Status(v2CodeOf(response.code), response.remark ?? `send failed with code ${response.code}`));
    const sent = SendMessageResponseHeader.decode(response.extFields);
    if (system.message_type !== 'TRANSACTION')
      return { status: v2Status('OK'), message_id: messageId, transaction_id: '', offset: sent.queueOffset };
    const transactionId = sent.transactionId ?? messageId;
    this.transactions.remember(transactionId, topic, sent.msgId, sent.queueOffset);
    return { status: v2Status('OK'), message_id: messageId, transaction_id: transactionId, offset: sent.queueOffset };
  }
}
