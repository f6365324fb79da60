import { Inject } from '@nestjs/common';

import { decodeMessageRecord, findMessageProperty, MessageConst, MessageDecodeError } from '@rocketmq-ts/model';
import { RemotingProcessor } from '@rocketmq-ts/nest-remoting';
import {
  createResponse,
  parseJavaBoolean,
  QueryMessageRequestHeader,
  QueryMessageResponseHeader,
  type RemotingCommand,
  RequestCode,
  ResponseCode,
  UNIQUE_KEY_QUERY_FIELD,
  ViewMessageRequestHeader,
} from '@rocketmq-ts/protocol';
import type { ConnectionContext, RemotingRequestHandler } from '@rocketmq-ts/remoting';
import type { MessageStore } from '@rocketmq-ts/store';

import { BrokerLane, MESSAGE_STORE } from '../broker.tokens';

/** Java's defaultQueryMaxNum: the cap a unique-key lookup uses whatever the client asked. */
const UNIQUE_KEY_QUERY_MAX_NUM = 32;

export type QueryStore = Pick<MessageStore, 'queryMessage' | 'lookMessageByOffset'>;

/**
 * QUERY_MESSAGE (12) and VIEW_MESSAGE_BY_ID (33), docs/remoting-protocol.md#requests-the-broker-serves. The index holds key hashes,
 * so each candidate record is checked against the key (KEYS entries, or UNIQ_KEY when the client
 * sets `_UNIQUE_KEY_QUERY`) and topic before it is returned.
 */
@RemotingProcessor({ codes: [RequestCode.QUERY_MESSAGE, RequestCode.VIEW_MESSAGE_BY_ID], lane: BrokerLane.QUERY })
export class QueryMessageProcessor implements RemotingRequestHandler {
  constructor(@Inject(MESSAGE_STORE) private readonly store: QueryStore) {}

  handle(_context: ConnectionContext, request: RemotingCommand): Promise<RemotingCommand> {
    return request.code === RequestCode.QUERY_MESSAGE ? this.queryMessage(request) : this.viewMessageById(request);
  }

  private async queryMessage(request: RemotingCommand): Promise<RemotingCommand> {
    const header = QueryMessageRequestHeader.decode(request.extFields);
    const uniqueKeyQuery = parseJavaBoolean(request.extFields?.[UNIQUE_KEY_QUERY_FIELD] ?? 'false');
    const maxNum = uniqueKeyQuery ? UNIQUE_KEY_QUERY_MAX_NUM : header.maxNum;
    const result = await this.store.queryMessage({
      topic: header.topic,
      key: header.key,
      maxNum,
      beginTimestampMs: header.beginTimestamp,
      endTimestampMs: header.endTimestamp,
    });
    const matching = result.messages.filter((record) => recordMatches(record, header.topic, header.key, uniqueKeyQuery));
    const extFields = QueryMessageResponseHeader.encode({
      indexLastUpdateTimestamp: result.indexLastUpdateTimestamp,
      indexLastUpdatePhyoffset: result.indexLastUpdatePhyoffset,
    });
    if (matching.length === 0) {
      return createResponse(request, ResponseCode.QUERY_NOT_FOUND, {
        remark: 'can not find message, maybe time range not correct',
        extFields,
      });
    }
    return createResponse(request, ResponseCode.SUCCESS, { extFields, body: Buffer.concat(matching) });
  }

  private async viewMessageById(request: RemotingCommand): Promise<RemotingCommand> {
    const { offset } = ViewMessageRequestHeader.decode(request.extFields);
    const record = offset >= 0 ? await this.store.lookMessageByOffset(offset) : undefined;
    if (record === undefined)
      return createResponse(request, ResponseCode.SYSTEM_ERROR, { remark: `can not find message by the offset, ${offset}` });
    return createResponse(request, ResponseCode.SUCCESS, { body: record });
  }
}

function recordMatches(raw: Buffer, topic: string, key: string, uniqueKeyQuery: boolean): boolean {
  try {
    const record = decodeMessageRecord(raw);
    if (record.topic !== topic) return false;
    const properties = record.properties.toString('utf8');
    if (uniqueKeyQuery) return findMessageProperty(properties, MessageConst.PROPERTY_UNIQ_CLIENT_MESSAGE_ID_KEYIDX) === key;
    const keys = findMessageProperty(properties, MessageConst.PROPERTY_KEYS)?.split(MessageConst.KEY_SEPARATOR) ?? [];
    return keys.includes(key) || findMessageProperty(properties, MessageConst.PROPERTY_UNIQ_CLIENT_MESSAGE_ID_KEYIDX) === key;
  } catch (error) {
    if (error instanceof MessageDecodeError) return false;
    throw error;
  }
}
