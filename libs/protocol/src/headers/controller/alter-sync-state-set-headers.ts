import type { ExtFields } from '../../command/remoting-command';
import { optionalInt, optionalLong, requireInt, requireString, toExtFields } from '../header-fields';

/**
 * CONTROLLER_ALTER_SYNC_STATE_SET (1001) request header, master → controller leader; the body is
 * the proposed SyncStateSet carrying the set epoch the master currently holds (docs/controller.md#codes):
 *   brokerName      string  required
 *   masterBrokerId  long    optional  the requester's controller id
 *   masterEpoch     int     optional  the master epoch the requester believes in
 *   invokeTime      long    always    sender's clock; only the jRaft state machine reads it
 */
export interface AlterSyncStateSetRequestHeader {
  readonly brokerName: string;
  readonly masterBrokerId?: number;
  readonly masterEpoch?: number;
  readonly invokeTime: number;
}

const REQUEST = 'AlterSyncStateSetRequestHeader';

export const AlterSyncStateSetRequestHeader = {
  encode(header: AlterSyncStateSetRequestHeader): ExtFields {
    return toExtFields({ ...header });
  },

  decode(ext: ExtFields | undefined): AlterSyncStateSetRequestHeader {
    return {
      brokerName: requireString(ext, 'brokerName', REQUEST),
      masterBrokerId: optionalLong(ext, 'masterBrokerId', REQUEST),
      masterEpoch: optionalInt(ext, 'masterEpoch', REQUEST),
      invokeTime: optionalLong(ext, 'invokeTime', REQUEST) ?? 0,
    };
  },
};

/**
 * CONTROLLER_ALTER_SYNC_STATE_SET (1001) response header (the body repeats the new set):
 *   newSyncStateSetEpoch  int  required
 */
export interface AlterSyncStateSetResponseHeader {
  readonly newSyncStateSetEpoch: number;
}

const RESPONSE = 'AlterSyncStateSetResponseHeader';

export const AlterSyncStateSetResponseHeader = {
  encode(header: AlterSyncStateSetResponseHeader): ExtFields {
    return toExtFields({ ...header });
  },

  decode(ext: ExtFields | undefined): AlterSyncStateSetResponseHeader {
    return { newSyncStateSetEpoch: requireInt(ext, 'newSyncStateSetEpoch', RESPONSE) };
  },
};
