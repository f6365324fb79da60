import type { ExtFields } from '../../command/remoting-command';
import { optionalBoolean, optionalInt, optionalLong, optionalString, toExtFields } from '../header-fields';

/**
 * CONTROLLER_ELECT_MASTER (1002) request header; sent by a broker (its own id, designateElect
 * false), by mqadmin electMaster (designateElect true) or by the controller itself (brokerId -1):
 *   clusterName     string   Java default ""
 *   brokerName      string   Java default ""
 *   brokerId        long     Java default -1; -1 (or absent) means "controller-triggered"
 *   designateElect  boolean  Java default false; true makes brokerId the preferred winner
 *   invokeTime      long     sender's clock; only the jRaft state machine reads it
 */
export interface ElectMasterRequestHeader {
  readonly clusterName: string;
  readonly brokerName: string;
  readonly brokerId: number;
  readonly designateElect: boolean;
  readonly invokeTime?: number;
}

const REQUEST = 'ElectMasterRequestHeader';

export const ElectMasterRequestHeader = {
  encode(header: ElectMasterRequestHeader): ExtFields {
    return toExtFields({ ...header });
  },

  decode(ext: ExtFields | undefined): ElectMasterRequestHeader {
    return {
      clusterName: optionalString(ext, 'clusterName') ?? '',
      brokerName: optionalString(ext, 'brokerName') ?? '',
      brokerId: optionalLong(ext, 'brokerId', REQUEST) ?? -1,
      designateElect: optionalBoolean(ext, 'designateElect') ?? false,
      invokeTime: optionalLong(ext, 'invokeTime', REQUEST),
    };
  },
};

/**
 * The master fields several controller replies share (1002 ElectMasterResponseHeader, and the
 * master part of 1003/1004 replies and the 1008 notification): all optional, absent when no
 * master is known.
 *   masterBrokerId     long
 *   masterAddress      string
 *   masterEpoch        int
 *   syncStateSetEpoch  int
 */
export interface ElectMasterResponseHeader {
  readonly masterBrokerId?: number;
  readonly masterAddress?: string;
  readonly masterEpoch?: number;
  readonly syncStateSetEpoch?: number;
}

const RESPONSE = 'ElectMasterResponseHeader';

export const ElectMasterResponseHeader = {
  encode(header: ElectMasterResponseHeader): ExtFields {
    return toExtFields({ ...header });
  },

  decode(ext: ExtFields | undefined): ElectMasterResponseHeader {
    return {
      masterBrokerId: optionalLong(ext, 'masterBrokerId', RESPONSE),
      masterAddress: optionalString(ext, 'masterAddress'),
      masterEpoch: optionalInt(ext, 'masterEpoch', RESPONSE),
      syncStateSetEpoch: optionalInt(ext, 'syncStateSetEpoch', RESPONSE),
    };
  },
};
