import type { ExtFields } from '../command/remoting-command';
import { optionalBoolean, optionalString, requireString } from './header-fields';

/**
 * Headers of the two admin requests the broker forwards to one consumer client
 * (docs/admin.md#forwarded-to-the-client), the same header on both legs:
 *
 *   GET_CONSUMER_RUNNING_INFO (307):  consumerGroup, clientId  string  required; jstackEnable boolean
 *   CONSUME_MESSAGE_DIRECTLY (309):   consumerGroup, clientId, msgId  string  required;
 *                                     brokerName, topic  string  optional; topicSysFlag,
 *                                     groupSysFlag  int  optional (the broker fills brokerName and
 *                                     the flags before forwarding)
 */
export interface GetConsumerRunningInfoRequestHeader {
  readonly consumerGroup: string;
  readonly clientId: string;
  readonly jstackEnable: boolean;
}

export const GetConsumerRunningInfoRequestHeader = {
  encode(header: GetConsumerRunningInfoRequestHeader): ExtFields {
    return { consumerGroup: header.consumerGroup, clientId: header.clientId, jstackEnable: String(header.jstackEnable) };
  },
  decode(ext: ExtFields | undefined): GetConsumerRunningInfoRequestHeader {
    const name = 'GetConsumerRunningInfoRequestHeader';
    return { consumerGroup: requireString(ext, 'consumerGroup', name), clientId: requireString(ext, 'clientId', name), jstackEnable: optionalBoolean(ext, 'jstackEnable') ?? false };
  },
};

export interface ConsumeMessageDirectlyRequestHeader {
  readonly consumerGroup: string;
  readonly clientId: string;
  readonly msgId: string;
  readonly brokerName?: string;
  readonly topic?: string;
}

export const ConsumeMessageDirectlyRequestHeader = {
  encode(header: ConsumeMessageDirectlyRequestHeader): ExtFields {
    const ext: ExtFields = { consumerGroup: header.consumerGroup, clientId: header.clientId, msgId: header.msgId };
    if (header.brokerName !== undefined) ext['brokerName'] = header.brokerName;
    if (header.topic !== undefined) ext['topic'] = header.topic;
    return ext;
  },
  decode(ext: ExtFields | undefined): ConsumeMessageDirectlyRequestHeader {
    const name = 'ConsumeMessageDirectlyResultRequestHeader';
    return {
      consumerGroup: requireString(ext, 'consumerGroup', name),
      clientId: requireString(ext, 'clientId', name),
      msgId: requireString(ext, 'msgId', name),
      brokerName: optionalString(ext, 'brokerName'),
      topic: optionalString(ext, 'topic'),
    };
  },
};
