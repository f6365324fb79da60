import type { ExtFields } from '../command/remoting-command';
import { optionalBoolean, optionalInt, optionalString, requireInt, requireLong, requireString } from './header-fields';

/**
 * SEND_MESSAGE (10) request header, long field names (what rocketmq-client-go sends):
 *   producerGroup          string   required
 *   topic                  string   required
 *   defaultTopic           string   required  auto-create template, normally TBW102
 *   defaultTopicQueueNums  int      required  queue count for auto-create
 *   queueId                int      required  < 0 lets the broker pick
 *   sysFlag                int      required  message sysFlag bits
 *   bornTimestamp          long     required  producer clock, ms since the epoch
 *   flag                   int      required  user flag, stored verbatim
 *   properties             string   optional  name\u0001value\u0002... properties string
 *   reconsumeTimes         int      optional
 *   unitMode               boolean  optional
 *   batch                  boolean  optional  true for SEND_BATCH_MESSAGE
 *   maxReconsumeTimes      int      optional  honoured only from requester version 121 on
 *   bname                  string   optional  target broker name (RpcRequestHeader field)
 *
 * Per-message hot path: encode builds one object literal, decode reads each key once.
 */
export interface SendMessageRequestHeader {
  readonly producerGroup: string;
  readonly topic: string;
  readonly defaultTopic: string;
  readonly defaultTopicQueueNums: number;
  readonly queueId: number;
  readonly sysFlag: number;
  readonly bornTimestamp: number;
  readonly flag: number;
  readonly properties?: string;
  readonly reconsumeTimes?: number;
  readonly unitMode?: boolean;
  readonly batch?: boolean;
  readonly maxReconsumeTimes?: number;
  readonly brokerName?: string;
}

const NAME = 'SendMessageRequestHeader';

export const SendMessageRequestHeader = {
  encode(header: SendMessageRequestHeader): ExtFields {
    const ext: ExtFields = {
      producerGroup: header.producerGroup,
      topic: header.topic,
      defaultTopic: header.defaultTopic,
      defaultTopicQueueNums: String(header.defaultTopicQueueNums),
      queueId: String(header.queueId),
      sysFlag: String(header.sysFlag),
      bornTimestamp: String(header.bornTimestamp),
      flag: String(header.flag),
    };
    if (header.properties !== undefined) ext['properties'] = header.properties;
    if (header.reconsumeTimes !== undefined) ext['reconsumeTimes'] = String(header.reconsumeTimes);
    if (header.unitMode !== undefined) ext['unitMode'] = String(header.unitMode);
    if (header.batch !== undefined) ext['batch'] = String(header.batch);
    if (header.maxReconsumeTimes !== undefined) ext['maxReconsumeTimes'] = String(header.maxReconsumeTimes);
    if (header.brokerName !== undefined) ext['bname'] = header.brokerName;
    return ext;
  },

  decode(ext: ExtFields | undefined): SendMessageRequestHeader {
    return {
      producerGroup: requireString(ext, 'producerGroup', NAME),
      topic: requireString(ext, 'topic', NAME),
      defaultTopic: requireString(ext, 'defaultTopic', NAME),
      defaultTopicQueueNums: requireInt(ext, 'defaultTopicQueueNums', NAME),
      queueId: requireInt(ext, 'queueId', NAME),
      sysFlag: requireInt(ext, 'sysFlag', NAME),
      bornTimestamp: requireLong(ext, 'bornTimestamp', NAME),
      flag: requireInt(ext, 'flag', NAME),
      properties: optionalString(ext, 'properties'),
      reconsumeTimes: optionalInt(ext, 'reconsumeTimes', NAME),
      unitMode: optionalBoolean(ext, 'unitMode'),
      batch: optionalBoolean(ext, 'batch'),
      maxReconsumeTimes: optionalInt(ext, 'maxReconsumeTimes', NAME),
      brokerName: optionalString(ext, 'bname'),
    };
  },
};
