import type { ExtFields } from '../../command/remoting-command';
import { optionalLong, optionalString, requireLong, requireString, toExtFields } from '../header-fields';

/**
 * CONTROLLER_GET_NEXT_BROKER_ID (1012) request header, the first registration step:
 *   clusterName  string  optional
 *   brokerName   string  required
 */
export interface GetNextBrokerIdRequestHeader {
  readonly clusterName?: string;
  readonly brokerName: string;
}

export const GetNextBrokerIdRequestHeader = {
  encode(header: GetNextBrokerIdRequestHeader): ExtFields {
    return toExtFields({ ...header });
  },

  decode(ext: ExtFields | undefined): GetNextBrokerIdRequestHeader {
    return { clusterName: optionalString(ext, 'clusterName'), brokerName: requireString(ext, 'brokerName', 'GetNextBrokerIdRequestHeader') };
  },
};

/**
 * CONTROLLER_GET_NEXT_BROKER_ID (1012) response header:
 *   clusterName, brokerName  string  echoed
 *   nextBrokerId             long    1 for a broker set the controller has never seen
 */
export interface GetNextBrokerIdResponseHeader {
  readonly clusterName?: string;
  readonly brokerName?: string;
  readonly nextBrokerId?: number;
}

export const GetNextBrokerIdResponseHeader = {
  encode(header: GetNextBrokerIdResponseHeader): ExtFields {
    return toExtFields({ ...header });
  },

  decode(ext: ExtFields | undefined): GetNextBrokerIdResponseHeader {
    return {
      clusterName: optionalString(ext, 'clusterName'),
      brokerName: optionalString(ext, 'brokerName'),
      nextBrokerId: optionalLong(ext, 'nextBrokerId', 'GetNextBrokerIdResponseHeader'),
    };
  },
};

/**
 * CONTROLLER_APPLY_BROKER_ID (1013) request header, the second registration step:
 *   clusterName        string  optional
 *   brokerName         string  required
 *   appliedBrokerId    long    required  the id the broker claims
 *   registerCheckCode  string  required  "<brokerAddr>;<epochMillis>", makes a retried claim idempotent
 */
export interface ApplyBrokerIdRequestHeader {
  readonly clusterName?: string;
  readonly brokerName: string;
  readonly appliedBrokerId: number;
  readonly registerCheckCode: string;
}

const APPLY = 'ApplyBrokerIdRequestHeader';

export const ApplyBrokerIdRequestHeader = {
  encode(header: ApplyBrokerIdRequestHeader): ExtFields {
    return toExtFields({ ...header });
  },

  decode(ext: ExtFields | undefined): ApplyBrokerIdRequestHeader {
    return {
      clusterName: optionalString(ext, 'clusterName'),
      brokerName: requireString(ext, 'brokerName', APPLY),
      appliedBrokerId: requireLong(ext, 'appliedBrokerId', APPLY),
      registerCheckCode: requireString(ext, 'registerCheckCode', APPLY),
    };
  },
};

/**
 * CONTROLLER_APPLY_BROKER_ID (1013) response header:
 *   clusterName, brokerName  string  echoed
 */
export interface ApplyBrokerIdResponseHeader {
  readonly clusterName?: string;
  readonly brokerName?: string;
}

export const ApplyBrokerIdResponseHeader = {
  encode(header: ApplyBrokerIdResponseHeader): ExtFields {
    return toExtFields({ ...header });
  },

  decode(ext: ExtFields | undefined): ApplyBrokerIdResponseHeader {
    return { clusterName: optionalString(ext, 'clusterName'), brokerName: optionalString(ext, 'brokerName') };
  },
};
