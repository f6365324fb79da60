import { decodeOffsetMessageId, formatSocketAddress, MessageConst, type OffsetMessageId, uniqueKeyNearlyTimeMs } from '@rocketmq-ts/model';
import {
  QueryMessageRequestHeader,
  RequestCode,
  ResponseCode,
  UNIQUE_KEY_QUERY_FIELD,
  ViewMessageRequestHeader,
} from '@rocketmq-ts/protocol';

import { decodeStoredMessages } from '../consumer/message-decoder';
import type { MessageExt } from '../consumer/message-ext';
import { MQAdminNotFoundError } from './admin-errors';
import { type AdminTransport, successBody } from './admin-transport';
import { brokersOf, clusterInfo } from './cluster-queries';
import { routeBrokers, topicRoute } from './topic-queries';

/** Java's QueryMsgByKeySubCommand default maxNum. */
export const DEFAULT_QUERY_MAX_NUM = 64;

export interface KeyQuery {
  readonly topic: string;
  readonly key: string;
  readonly maxNum?: number;
  readonly beginTimestamp?: number;
  readonly endTimestamp?: number;
}

/** queryMsgByKey: QUERY_MESSAGE on every broker of the topic; only messages whose KEYS hold `key`, oldest first. */
export async function queryMessageByKey(transport: AdminTransport, query: KeyQuery): Promise<MessageExt[]> {
  const found = await queryIndex(transport, query, false);
  const matching = found.filter((message) => message.keys.includes(query.key));
  if (matching.length === 0)
    throw new MQAdminNotFoundError(`no message of ${query.topic} has key ${query.key}`, { responseCode: ResponseCode.QUERY_NOT_FOUND });
  return matching;
}

/** A message by the UNIQ_KEY its producer set (the `msgId` of a SendResult). */
export async function queryMessageByUniqueKey(transport: AdminTransport, topic: string, uniqueKey: string): Promise<MessageExt[]> {
  // Java starts the search a second before the time encoded in the id.
  const nearly = safeNearlyTime(uniqueKey);
  const found = await queryIndex(transport, { topic, key: uniqueKey, maxNum: 32, beginTimestamp: Math.max(0, nearly - 1000) }, true);
  const matching = found.filter((message) => message.properties[MessageConst.PROPERTY_UNIQ_CLIENT_MESSAGE_ID_KEYIDX] === uniqueKey);
  if (matching.length === 0)
    throw new MQAdminNotFoundError(`no message of ${topic} has id ${uniqueKey}`, { responseCode: ResponseCode.QUERY_NOT_FOUND });
  return matching;
}

async function queryIndex(transport: AdminTransport, query: KeyQuery, uniqueKey: boolean): Promise<MessageExt[]> {
  const extFields = QueryMessageRequestHeader.encode({
    topic: query.topic,
    key: query.key,
    maxNum: query.maxNum ?? DEFAULT_QUERY_MAX_NUM,
    beginTimestamp: query.beginTimestamp ?? 0,
    endTimestamp: query.endTimestamp ?? Number.MAX_SAFE_INTEGER,
  });
  if (uniqueKey) extFields[UNIQUE_KEY_QUERY_FIELD] = 'true';
  const found: MessageExt[] = [];
  for (const { brokerName, addr } of routeBrokers(await topicRoute(transport, query.topic))) {
    const response = await transport.broker(addr, { code: RequestCode.QUERY_MESSAGE, extFields });
    if (response.code === ResponseCode.QUERY_NOT_FOUND) continue;
    found.push(...decodeStoredMessages(successBody(addr, response), brokerName).filter((message) => message.topic === query.topic));
  }
  return found.sort((left, right) => left.storeTimestamp - right.storeTimestamp || left.commitLogOffset - right.commitLogOffset);
}

/**
 * queryMsgById. Both kinds of id are 32 hex digits for IPv4, so, as Java's admin, the id is first
 * read as an offsetMsgId (store host + commit-log offset) and fetched with VIEW_MESSAGE_BY_ID;
 * when the host is no broker of the cluster, or that fails and a topic is given, it is looked up as
 * a UNIQ_KEY (QUERY_MESSAGE with the unique-key flag).
 */
export async function viewMessageById(transport: AdminTransport, msgId: string, topic?: string): Promise<MessageExt[]> {
  const offsetId = tryDecodeOffsetId(msgId);
  if (offsetId !== undefined) {
    const addr = formatSocketAddress(offsetId.storeHost);
    const broker = brokersOf(await clusterInfo(transport)).find((one) => one.addr === addr);
    if (broker !== undefined || topic === undefined) {
      try {
        return [
          await viewByOffset(transport, addr, { brokerName: broker?.brokerName ?? '', physicalOffset: offsetId.physicalOffset, topic }),
        ];
      } catch (error) {
        if (topic === undefined) throw error;
      }
    }
  }
  if (topic === undefined)
    throw new MQAdminNotFoundError(
      `${msgId} is no offsetMsgId of a known broker; give the topic to look it up as a producer's message id (UNIQ_KEY)`,
    );
  return queryMessageByUniqueKey(transport, topic, msgId);
}

interface ViewByOffsetArgs {
  readonly brokerName: string;
  readonly physicalOffset: number;
  readonly topic?: string;
}

async function viewByOffset(
  transport: AdminTransport,
  addr: string,
  { brokerName, physicalOffset, topic }: ViewByOffsetArgs,
): Promise<MessageExt> {
  const response = await transport.broker(addr, {
    code: RequestCode.VIEW_MESSAGE_BY_ID,
    extFields: ViewMessageRequestHeader.encode({ offset: physicalOffset, topic }),
  });
  // Java brokers, and ours, answer a commit-log offset holding no message with SYSTEM_ERROR.
  if (response.code === ResponseCode.SYSTEM_ERROR && /can not find message/.test(response.remark ?? '')) {
    throw new MQAdminNotFoundError(`broker ${addr} holds no message at commit-log offset ${physicalOffset}`, {
      responseCode: response.code,
      remark: response.remark,
    });
  }
  const [message] = decodeStoredMessages(successBody(addr, response), brokerName);
  if (message === undefined) throw new MQAdminNotFoundError(`broker ${addr} holds no message at commit-log offset ${physicalOffset}`);
  return message;
}

function tryDecodeOffsetId(msgId: string): OffsetMessageId | undefined {
  try {
    return decodeOffsetMessageId(msgId);
  } catch {
    return undefined;
  }
}

function safeNearlyTime(uniqueKey: string): number {
  try {
    return uniqueKeyNearlyTimeMs(uniqueKey, Date.now());
  } catch {
    return 0;
  }
}
