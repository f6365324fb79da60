import { field, type HeaderOf } from './field';
import { headerCodec } from './header-codec';

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
const CREATE_TOPIC_REQUEST_FIELDS = {
  topic: field.string(),
  defaultTopic: field.string().default('TBW102'),
  readQueueNums: field.int(),
  writeQueueNums: field.int(),
  perm: field.int(),
  topicFilterType: field.string().default('SINGLE_TAG'),
  topicSysFlag: field.int().optional(),
  order: field.boolean().default(false),
  attributes: field.string().optional(),
  force: field.boolean().optional(),
};

export type CreateTopicRequestHeader = HeaderOf<typeof CREATE_TOPIC_REQUEST_FIELDS>;

export const CreateTopicRequestHeader = headerCodec('CreateTopicRequestHeader', CREATE_TOPIC_REQUEST_FIELDS);
