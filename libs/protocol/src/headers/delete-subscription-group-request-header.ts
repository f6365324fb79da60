import { field, type HeaderOf } from './field';
import { headerCodec } from './header-codec';

/**
 * DELETE_SUBSCRIPTIONGROUP (207) request header:
 *   groupName    string   required
 *   cleanOffset  boolean  optional  also drop the group's consumer offsets (default false)
 */
const DELETE_SUBSCRIPTION_GROUP_REQUEST_FIELDS = {
  groupName: field.string(),
  cleanOffset: field.boolean().default(false),
};

export type DeleteSubscriptionGroupRequestHeader = HeaderOf<typeof DELETE_SUBSCRIPTION_GROUP_REQUEST_FIELDS>;

export const DeleteSubscriptionGroupRequestHeader = headerCodec(
  'DeleteSubscriptionGroupRequestHeader',
  DELETE_SUBSCRIPTION_GROUP_REQUEST_FIELDS,
);
