import type { ExtFields } from '../command/remoting-command';
import { optionalBoolean, requireString } from './header-fields';

/**
 * DELETE_SUBSCRIPTIONGROUP (207) request header:
 *   groupName    string   required
 *   cleanOffset  boolean  optional  also drop the group's consumer offsets (default false)
 */
export interface DeleteSubscriptionGroupRequestHeader {
  readonly groupName: string;
  readonly cleanOffset: boolean;
}

const NAME = 'DeleteSubscriptionGroupRequestHeader';

export const DeleteSubscriptionGroupRequestHeader = {
  encode(header: DeleteSubscriptionGroupRequestHeader): ExtFields {
    return { groupName: header.groupName, cleanOffset: String(header.cleanOffset) };
  },

  decode(ext: ExtFields | undefined): DeleteSubscriptionGroupRequestHeader {
    return { groupName: requireString(ext, 'groupName', NAME), cleanOffset: optionalBoolean(ext, 'cleanOffset') ?? false };
  },
};
