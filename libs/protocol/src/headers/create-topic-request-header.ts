import type { ExtFields } from '../command/remoting-command';
import { optionalBoolean, optionalInt, optionalString, requireInt, requireString } from './header-fields';

/**
 * UPDATE_AND_CREATE_TOPIC (17) request header (docs/remoting-protocol.md#requests-the-broker-serves):
 *   topic            string   required
 *   defaultTopic     string   required  (ignored by brokers; mqadmin sends TBW102)
 *   readQueueNums    int      required
 *   writeQueueNums   int      required
 *   perm             int      required  bits: 4 read, 2 write, 1 inherit
 *   topicFilterType  string   required  SINGLE_TAG | MULTI_TAG
 *   topicSysFlag     int      optional
 *   order            boolean  required
 *   attributes       string   optional  `+key=value,-key` (5.x)
 *   force            boolean  optional
 */
export interface CreateTopicRequestHeader {
  readonly topic: string;
  readonly defaultTopic: string;
  readonly readQueueNums: number;
  readonly writeQueueNums: number;
  readonly perm: number;
  readonly topicFilterType: string;
  readonly topicSysFlag?: number;
  readonly order: boolean;
  readonly attributes?: string;
  readonly force?: boolean;
}

const NAME = 'CreateTopicRequestHeader';

export const CreateTopicRequestHeader = {
  encode(header: CreateTopicRequestHeader): ExtFields {
    const ext: ExtFields = {
      topic: header.topic,
      defaultTopic: header.defaultTopic,
      readQueueNums: String(header.readQueueNums),
      writeQueueNums: String(header.writeQueueNums),
      perm: String(header.perm),
      topicFilterType: header.topicFilterType,
      order: String(header.order),
    };
    if (header.topicSysFlag !== undefined) ext['topicSysFlag'] = String(header.topicSysFlag);
    if (header.attributes !== undefined) ext['attributes'] = header.attributes;
    if (header.force !== undefined) ext['force'] = String(header.force);
    return ext;
  },

  decode(ext: ExtFields | undefined): CreateTopicRequestHeader {
    return {
      topic: requireString(ext, 'topic', NAME),
      defaultTopic: optionalString(ext, 'defaultTopic') ?? 'TBW102',
      readQueueNums: requireInt(ext, 'readQueueNums', NAME),
      writeQueueNums: requireInt(ext, 'writeQueueNums', NAME),
      perm: requireInt(ext, 'perm', NAME),
      topicFilterType: optionalString(ext, 'topicFilterType') ?? 'SINGLE_TAG',
      topicSysFlag: optionalInt(ext, 'topicSysFlag', NAME),
      order: optionalBoolean(ext, 'order') ?? false,
      attributes: optionalString(ext, 'attributes'),
      force: optionalBoolean(ext, 'force'),
    };
  },
};
