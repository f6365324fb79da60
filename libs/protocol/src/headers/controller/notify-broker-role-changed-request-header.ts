import type { ExtFields } from '../../command/remoting-command';
import { optionalInt, optionalLong, optionalString, toExtFields } from '../header-fields';

/**
 * NOTIFY_BROKER_ROLE_CHANGED (1008) request header, controller leader → each live member, one-way,
 * after a successful election (the body is the new SyncStateSet):
 *   masterAddress      string
 *   masterEpoch        int
 *   syncStateSetEpoch  int
 *   masterBrokerId     long
 */
export interface NotifyBrokerRoleChangedRequestHeader {
  readonly masterAddress?: string;
  readonly masterEpoch?: number;
  readonly syncStateSetEpoch?: number;
  readonly masterBrokerId?: number;
}

const NAME = 'NotifyBrokerRoleChangedRequestHeader';

export const NotifyBrokerRoleChangedRequestHeader = {
  encode(header: NotifyBrokerRoleChangedRequestHeader): ExtFields {
    return toExtFields({ ...header });
  },

  decode(ext: ExtFields | undefined): NotifyBrokerRoleChangedRequestHeader {
    return {
      masterAddress: optionalString(ext, 'masterAddress'),
      masterEpoch: optionalInt(ext, 'masterEpoch', NAME),
      syncStateSetEpoch: optionalInt(ext, 'syncStateSetEpoch', NAME),
      masterBrokerId: optionalLong(ext, 'masterBrokerId', NAME),
    };
  },
};
