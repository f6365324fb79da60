import type { ExtFields } from '../../command/remoting-command';
import { optionalBoolean, optionalLong, optionalString, requireString, toExtFields } from '../header-fields';

/**
 * CLEAN_BROKER_DATA (1011) request header, mqadmin cleanBrokerMetadata → controller leader:
 *   clusterName                 string   optional
 *   brokerName                  string   required
 *   brokerControllerIdsToClean  string   optional  controller ids "1;2;3"; absent = the whole set
 *   isCleanLivingBroker         boolean  Java default false; true also cleans ids still alive
 *   invokeTime                  long     sender's clock; only the jRaft state machine reads it
 */
export interface CleanControllerBrokerDataRequestHeader {
  readonly clusterName?: string;
  readonly brokerName: string;
  readonly brokerControllerIdsToClean?: string;
  readonly isCleanLivingBroker: boolean;
  readonly invokeTime: number;
}

const NAME = 'CleanControllerBrokerDataRequestHeader';

export const CleanControllerBrokerDataRequestHeader = {
  encode(header: CleanControllerBrokerDataRequestHeader): ExtFields {
    return toExtFields({ ...header });
  },

  decode(ext: ExtFields | undefined): CleanControllerBrokerDataRequestHeader {
    return {
      clusterName: optionalString(ext, 'clusterName'),
      brokerName: requireString(ext, 'brokerName', NAME),
      brokerControllerIdsToClean: optionalString(ext, 'brokerControllerIdsToClean'),
      isCleanLivingBroker: optionalBoolean(ext, 'isCleanLivingBroker') ?? false,
      invokeTime: optionalLong(ext, 'invokeTime', NAME) ?? 0,
    };
  },
};
