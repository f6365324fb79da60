import { field, type HeaderOf } from '../field';
import { headerCodec } from '../header-codec';

/**
 * NOTIFY_BROKER_ROLE_CHANGED (1008) request header, controller leader → each live member, one-way,
 * after a successful election (the body is the new SyncStateSet):
 *   masterAddress      string
 *   masterEpoch        int
 *   syncStateSetEpoch  int
 *   masterBrokerId     long
 */
const NOTIFY_BROKER_ROLE_CHANGED_REQUEST_FIELDS = {
  masterAddress: field.string().optional(),
  masterEpoch: field.int().optional(),
  syncStateSetEpoch: field.int().optional(),
  masterBrokerId: field.long().optional(),
};

export type NotifyBrokerRoleChangedRequestHeader = HeaderOf<typeof NOTIFY_BROKER_ROLE_CHANGED_REQUEST_FIELDS>;

export const NotifyBrokerRoleChangedRequestHeader = headerCodec(
  'NotifyBrokerRoleChangedRequestHeader',
  NOTIFY_BROKER_ROLE_CHANGED_REQUEST_FIELDS,
);
