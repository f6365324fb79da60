import type { ExtFields } from '../command/remoting-command';
import { optionalBoolean, optionalInt, optionalString, requireInt, requireLong, requireString } from './header-fields';

/**
 * CONSUMER_SEND_MSG_BACK (36) request header (docs/remoting-protocol.md#requests-the-broker-serves):
 *   offset             long     required  commit-log offset of the failed message
 *   group              string   required  consumer group
 *   delayLevel         int      required  0 = broker decides (3 + reconsumeTimes); < 0 = straight to DLQ
 *   originMsgId        string   optional
 *   originTopic        string   optional
 *   unitMode           boolean  optional  default false
 *   maxReconsumeTimes  int      optional  honoured from clients at version ≥ 121 (V3_4_9)
 *   bname              string   optional
 */
export interface ConsumerSendMsgBackRequestHeader {
  readonly offset: number;
  readonly group: string;
  readonly delayLevel: number;
  readonly originMsgId?: string;
  readonly originTopic?: string;
  readonly unitMode: boolean;
  readonly maxReconsumeTimes?: number;
  readonly bname?: string;
}

const NAME = 'ConsumerSendMsgBackRequestHeader';

export const ConsumerSendMsgBackRequestHeader = {
  encode(header: ConsumerSendMsgBackRequestHeader): ExtFields {
    const ext: ExtFields = {
      offset: String(header.offset),
      group: header.group,
      delayLevel: String(header.delayLevel),
      unitMode: String(header.unitMode),
    };
    if (header.originMsgId !== undefined) ext['originMsgId'] = header.originMsgId;
    if (header.originTopic !== undefined) ext['originTopic'] = header.originTopic;
    if (header.maxReconsumeTimes !== undefined) ext['maxReconsumeTimes'] = String(header.maxReconsumeTimes);
    if (header.bname !== undefined) ext['bname'] = header.bname;
    return ext;
  },

  decode(ext: ExtFields | undefined): ConsumerSendMsgBackRequestHeader {
    return {
      offset: requireLong(ext, 'offset', NAME),
      group: requireString(ext, 'group', NAME),
      delayLevel: requireInt(ext, 'delayLevel', NAME),
      originMsgId: optionalString(ext, 'originMsgId'),
      originTopic: optionalString(ext, 'originTopic'),
      unitMode: optionalBoolean(ext, 'unitMode') ?? false,
      maxReconsumeTimes: optionalInt(ext, 'maxReconsumeTimes', NAME),
      bname: optionalString(ext, 'bname'),
    };
  },
};
