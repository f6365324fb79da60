import { field, type HeaderOf } from '../field';
import { headerCodec } from '../header-codec';

/**
 * CLEAN_BROKER_DATA (1011) request header, mqadmin cleanBrokerMetadata → controller leader:
 *   clusterName                 string   optional
 *   brokerName                  string   required
 *   brokerControllerIdsToClean  string   optional  controller ids "1;2;3"; absent = the whole set
 *   isCleanLivingBroker         boolean  Java default false; true also cleans ids still alive
 *   invokeTime                  long     sender's clock; only the jRaft state machine reads it
 */
const CLEAN_CONTROLLER_BROKER_DATA_REQUEST_FIELDS = {
  clusterName: field.string().optional(),
  brokerName: field.string(),
  brokerControllerIdsToClean: field.string().optional(),
  isCleanLivingBroker: field.boolean().default(false),
  invokeTime: field.long().default(0),
};

export type CleanControllerBrokerDataRequestHeader = HeaderOf<typeof CLEAN_CONTROLLER_BROKER_DATA_REQUEST_FIELDS>;

export const CleanControllerBrokerDataRequestHeader = headerCodec(
  'CleanControllerBrokerDataRequestHeader',
  CLEAN_CONTROLLER_BROKER_DATA_REQUEST_FIELDS,
);
