import type { ExtFields } from '../command/remoting-command';
import { optionalInt, optionalLong, requireLong } from './header-fields';

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
export interface PullMessageResponseHeader {
  readonly suggestWhichBrokerId: number;
  readonly nextBeginOffset: number;
  readonly minOffset: number;
  readonly maxOffset: number;
  readonly offsetDelta?: number;
  readonly topicSysFlag?: number;
  readonly groupSysFlag?: number;
  readonly forbiddenType?: number;
}

const NAME = 'PullMessageResponseHeader';

export const PullMessageResponseHeader = {
  encode(header: PullMessageResponseHeader): ExtFields {
    const ext: ExtFields = {
      suggestWhichBrokerId: String(header.suggestWhichBrokerId),
      nextBeginOffset: String(header.nextBeginOffset),
      minOffset: String(header.minOffset),
      maxOffset: String(header.maxOffset),
    };
    if (header.offsetDelta !== undefined) ext['offsetDelta'] = String(header.offsetDelta);
    if (header.topicSysFlag !== undefined) ext['topicSysFlag'] = String(header.topicSysFlag);
    if (header.groupSysFlag !== undefined) ext['groupSysFlag'] = String(header.groupSysFlag);
    if (header.forbiddenType !== undefined) ext['forbiddenType'] = String(header.forbiddenType);
    return ext;
  },

  decode(ext: ExtFields | undefined): PullMessageResponseHeader {
    return {
      suggestWhichBrokerId: requireLong(ext, 'suggestWhichBrokerId', NAME),
      nextBeginOffset: requireLong(ext, 'nextBeginOffset', NAME),
      minOffset: requireLong(ext, 'minOffset', NAME),
      maxOffset: requireLong(ext, 'maxOffset', NAME),
      offsetDelta: optionalLong(ext, 'offsetDelta', NAME),
      topicSysFlag: optionalInt(ext, 'topicSysFlag', NAME),
      groupSysFlag: optionalInt(ext, 'groupSysFlag', NAME),
      forbiddenType: optionalInt(ext, 'forbiddenType', NAME),
    };
  },
};
