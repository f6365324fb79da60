import { field, type HeaderOf } from './field';
import { headerCodec } from './header-codec';

/**
 * SEND_MESSAGE (10) request header, long field names (what rocketmq-client-go sends). The
 * one-letter SEND_MESSAGE_V2 keys map onto this same list (send-message-request-header-v2.ts).
 */
export const SEND_MESSAGE_REQUEST_FIELDS = {
  producerGroup: field.string(),
  topic: field.string(),
  /** Auto-create template, normally TBW102. */
  defaultTopic: field.string(),
  /** Queue count for auto-create. */
  defaultTopicQueueNums: field.int(),
  /** < 0 lets the broker pick. */
  queueId: field.int(),
  /** Message sysFlag bits. */
  sysFlag: field.int(),
  /** Producer clock, ms since the epoch. */
  bornTimestamp: field.long(),
  /** User flag, stored verbatim. */
  flag: field.int(),
  /** name\u0001value\u0002... properties string. */
  properties: field.string().optional(),
  reconsumeTimes: field.int().optional(),
  unitMode: field.boolean().optional(),
  /** True for SEND_BATCH_MESSAGE. */
  batch: field.boolean().optional(),
  /** Honoured only from requester version 121 on. */
  maxReconsumeTimes: field.int().optional(),
  /** Target broker name (RpcRequestHeader field). */
  brokerName: field.string().optional().key('bname'),
};

export type SendMessageRequestHeader = HeaderOf<typeof SEND_MESSAGE_REQUEST_FIELDS>;

export const SendMessageRequestHeader = headerCodec('SendMessageRequestHeader', SEND_MESSAGE_REQUEST_FIELDS);
