import type { ExtFields } from '../command/remoting-command';
import { optionalInt, optionalString, requireExactLong, requireInt, requireLong, requireString } from './header-fields';

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
export interface PullMessageRequestHeader {
  readonly consumerGroup: string;
  readonly topic: string;
  readonly queueId: number;
  readonly queueOffset: number;
  readonly maxMsgNums: number;
  readonly sysFlag: number;
  readonly commitOffset: number;
  readonly suspendTimeoutMillis: number;
  readonly subscription?: string;
  readonly subVersion: bigint;
  readonly expressionType?: string;
  readonly maxMsgBytes?: number;
  readonly requestSource?: number;
  readonly proxyFrowardClientId?: string;
}

const NAME = 'PullMessageRequestHeader';

export const PullMessageRequestHeader = {
  encode(header: PullMessageRequestHeader): ExtFields {
    const ext: ExtFields = {
      consumerGroup: header.consumerGroup,
      topic: header.topic,
      queueId: String(header.queueId),
      queueOffset: String(header.queueOffset),
      maxMsgNums: String(header.maxMsgNums),
      sysFlag: String(header.sysFlag),
      commitOffset: String(header.commitOffset),
      suspendTimeoutMillis: String(header.suspendTimeoutMillis),
      subVersion: String(header.subVersion),
    };
    if (header.subscription !== undefined) ext['subscription'] = header.subscription;
    if (header.expressionType !== undefined) ext['expressionType'] = header.expressionType;
    if (header.maxMsgBytes !== undefined) ext['maxMsgBytes'] = String(header.maxMsgBytes);
    if (header.requestSource !== undefined) ext['requestSource'] = String(header.requestSource);
    if (header.proxyFrowardClientId !== undefined) ext['proxyFrowardClientId'] = header.proxyFrowardClientId;
    return ext;
  },

  decode(ext: ExtFields | undefined): PullMessageRequestHeader {
    return {
      consumerGroup: requireString(ext, 'consumerGroup', NAME),
      topic: requireString(ext, 'topic', NAME),
      queueId: requireInt(ext, 'queueId', NAME),
      queueOffset: requireLong(ext, 'queueOffset', NAME),
      maxMsgNums: requireInt(ext, 'maxMsgNums', NAME),
      sysFlag: requireInt(ext, 'sysFlag', NAME),
      commitOffset: requireLong(ext, 'commitOffset', NAME),
      suspendTimeoutMillis: requireLong(ext, 'suspendTimeoutMillis', NAME),
      subscription: optionalString(ext, 'subscription'),
      subVersion: requireExactLong(ext, 'subVersion', NAME),
      expressionType: optionalString(ext, 'expressionType'),
      maxMsgBytes: optionalInt(ext, 'maxMsgBytes', NAME),
      requestSource: optionalInt(ext, 'requestSource', NAME),
      proxyFrowardClientId: optionalString(ext, 'proxyFrowardClientId'),
    };
  },
};
