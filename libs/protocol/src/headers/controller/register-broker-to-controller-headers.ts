import { field, type HeaderOf } from '../field';
import { headerCodec } from '../header-codec';

/**
 * CONTROLLER_REGISTER_BROKER (1003) request header, the last step of a broker's registration:
 *   clusterName    string  optional
 *   brokerName     string  required
 *   brokerId       long    optional  the controller id the broker was given (1012/1013)
 *   brokerAddress  string  optional  its current ip:port
 *   invokeTime     long    always    sender's clock; only the jRaft state machine reads it
 */
const REGISTER_BROKER_TO_CONTROLLER_REQUEST_FIELDS = {
  clusterName: field.string().optional(),
  brokerName: field.string(),
  brokerId: field.long().optional(),
  brokerAddress: field.string().optional(),
  invokeTime: field.long().default(0),
};

export type RegisterBrokerToControllerRequestHeader = HeaderOf<typeof REGISTER_BROKER_TO_CONTROLLER_REQUEST_FIELDS>;

export const RegisterBrokerToControllerRequestHeader = headerCodec(
  'RegisterBrokerToControllerRequestHeader',
  REGISTER_BROKER_TO_CONTROLLER_REQUEST_FIELDS,
);

/**
 * CONTROLLER_REGISTER_BROKER (1003) response header; the master fields are present only while the
 * set has a master that is alive (the body is the current SyncStateSet):
 *   clusterName, brokerName                    string
 *   masterBrokerId                             long
 *   masterAddress                              string
 *   masterEpoch, syncStateSetEpoch             int
 */
const REGISTER_BROKER_TO_CONTROLLER_RESPONSE_FIELDS = {
  clusterName: field.string().optional(),
  brokerName: field.string().optional(),
  masterBrokerId: field.long().optional(),
  masterAddress: field.string().optional(),
  masterEpoch: field.int().optional(),
  syncStateSetEpoch: field.int().optional(),
};

export type RegisterBrokerToControllerResponseHeader = HeaderOf<typeof REGISTER_BROKER_TO_CONTROLLER_RESPONSE_FIELDS>;

export const RegisterBrokerToControllerResponseHeader = headerCodec(
  'RegisterBrokerToControllerResponseHeader',
  REGISTER_BROKER_TO_CONTROLLER_RESPONSE_FIELDS,
);
