import type { ExtFields } from '../../command/remoting-command';
import { optionalInt, optionalLong, optionalString, requireString, toExtFields } from '../header-fields';

/**
 * CONTROLLER_REGISTER_BROKER (1003) request header, the last step of a broker's registration:
 *   clusterName    string  optional
 *   brokerName     string  required
 *   brokerId       long    optional  the controller id the broker was given (1012/1013)
 *   brokerAddress  string  optional  its current ip:port
 *   invokeTime     long    always    sender's clock; only the jRaft state machine reads it
 */
export interface RegisterBrokerToControllerRequestHeader {
  readonly clusterName?: string;
  readonly brokerName: string;
  readonly brokerId?: number;
  readonly brokerAddress?: string;
  readonly invokeTime: number;
}

const REQUEST = 'RegisterBrokerToControllerRequestHeader';

export const RegisterBrokerToControllerRequestHeader = {
  encode(header: RegisterBrokerToControllerRequestHeader): ExtFields {
    return toExtFields({ ...header });
  },

  decode(ext: ExtFields | undefined): RegisterBrokerToControllerRequestHeader {
    return {
      clusterName: optionalString(ext, 'clusterName'),
      brokerName: requireString(ext, 'brokerName', REQUEST),
      brokerId: optionalLong(ext, 'brokerId', REQUEST),
      brokerAddress: optionalString(ext, 'brokerAddress'),
      invokeTime: optionalLong(ext, 'invokeTime', REQUEST) ?? 0,
    };
  },
};

/**
 * CONTROLLER_REGISTER_BROKER (1003) response header; the master fields are present only while the
 * set has a master that is alive (the body is the current SyncStateSet):
 *   clusterName, brokerName                    string
 *   masterBrokerId                             long
 *   masterAddress                              string
 *   masterEpoch, syncStateSetEpoch             int
 */
export interface RegisterBrokerToControllerResponseHeader {
  readonly clusterName?: string;
  readonly brokerName?: string;
  readonly masterBrokerId?: number;
  readonly masterAddress?: string;
  readonly masterEpoch?: number;
  readonly syncStateSetEpoch?: number;
}

const RESPONSE = 'RegisterBrokerToControllerResponseHeader';

export const RegisterBrokerToControllerResponseHeader = {
  encode(header: RegisterBrokerToControllerResponseHeader): ExtFields {
    return toExtFields({ ...header });
  },

  decode(ext: ExtFields | undefined): RegisterBrokerToControllerResponseHeader {
    return {
      clusterName: optionalString(ext, 'clusterName'),
      brokerName: optionalString(ext, 'brokerName'),
      masterBrokerId: optionalLong(ext, 'masterBrokerId', RESPONSE),
      masterAddress: optionalString(ext, 'masterAddress'),
      masterEpoch: optionalInt(ext, 'masterEpoch', RESPONSE),
      syncStateSetEpoch: optionalInt(ext, 'syncStateSetEpoch', RESPONSE),
    };
  },
};
