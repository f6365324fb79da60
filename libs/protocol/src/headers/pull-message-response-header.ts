import { field, type HeaderOf } from './field';
import { headerCodec } from './header-codec';

/**
 * PULL_MESSAGE response header (docs/remoting-protocol.md#requests-the-broker-serves). The first four are sent on every 0/19/20/21
 * answer: Java unboxes them and ali-ons calls Number() on them.
 *   suggestWhichBrokerId  long  required  broker id to pull from next (0 = master)
 *   nextBeginOffset       long  required
 *   minOffset             long  required
 *   maxOffset             long  required  next offset to be written
 *   offsetDelta           long  optional  static topics only
 *   topicSysFlag          int   optional
 *   groupSysFlag          int   optional
 *   forbiddenType         int   optional  with NO_PERMISSION
 */
const PULL_MESSAGE_RESPONSE_FIELDS = {
  suggestWhichBrokerId: field.long(),
  nextBeginOffset: field.long(),
  minOffset: field.long(),
  maxOffset: field.long(),
  offsetDelta: field.long().optional(),
  topicSysFlag: field.int().optional(),
  groupSysFlag: field.int().optional(),
  forbiddenType: field.int().optional(),
};

export type PullMessageResponseHeader = HeaderOf<typeof PULL_MESSAGE_RESPONSE_FIELDS>;

export const PullMessageResponseHeader = headerCodec('PullMessageResponseHeader', PULL_MESSAGE_RESPONSE_FIELDS);
