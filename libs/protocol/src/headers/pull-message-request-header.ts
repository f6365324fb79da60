import { field, type HeaderOf } from './field';
import { headerCodec } from './header-codec';

/**
 * PULL_MESSAGE (11) / LITE_PULL_MESSAGE (361) request header (docs/remoting-protocol.md#requests-the-broker-serves):
 *   consumerGroup         string  required
 *   topic                 string  required
 *   queueId               int     required
 *   queueOffset           long    required  logical offset to read from
 *   maxMsgNums            int     required  batch size
 *   sysFlag               int     required  PullSysFlag bits: 1 commit offset, 2 suspend, 4 subscription, 16 lite
 *   commitOffset          long    required  consumer offset to store when sysFlag bit 1 is set
 *   suspendTimeoutMillis  long    required  longest long-poll hold
 *   subscription          string  optional  tag expression or SQL92 text
 *   subVersion            long    required  exact (a token): GO sends 0, Java the subscription's ms
 *   expressionType        string  optional  TAG (default) or SQL92
 *   maxMsgBytes           int     optional
 *   requestSource         int     optional  proxy only
 *   proxyFrowardClientId  string  optional  proxy only (sic)
 */
const PULL_MESSAGE_REQUEST_FIELDS = {
  consumerGroup: field.string(),
  topic: field.string(),
  queueId: field.int(),
  queueOffset: field.long(),
  maxMsgNums: field.int(),
  sysFlag: field.int(),
  commitOffset: field.long(),
  suspendTimeoutMillis: field.long(),
  subscription: field.string().optional(),
  subVersion: field.exactLong(),
  expressionType: field.string().optional(),
  maxMsgBytes: field.int().optional(),
  requestSource: field.int().optional(),
  proxyFrowardClientId: field.string().optional(),
};

export type PullMessageRequestHeader = HeaderOf<typeof PULL_MESSAGE_REQUEST_FIELDS>;

export const PullMessageRequestHeader = headerCodec('PullMessageRequestHeader', PULL_MESSAGE_REQUEST_FIELDS);
