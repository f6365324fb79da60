import { field, type HeaderOf } from '../field';
import { headerCodec } from '../header-codec';

/**
 * CONTROLLER_GET_NEXT_BROKER_ID (1012) request header, the first registration step:
 *   clusterName  string  optional
 *   brokerName   string  required
 */
const GET_NEXT_BROKER_ID_REQUEST_FIELDS = {
  clusterName: field.string().optional(),
  brokerName: field.string(),
};

export type GetNextBrokerIdRequestHeader = HeaderOf<typeof GET_NEXT_BROKER_ID_REQUEST_FIELDS>;

export const GetNextBrokerIdRequestHeader = headerCodec('GetNextBrokerIdRequestHeader', GET_NEXT_BROKER_ID_REQUEST_FIELDS);

/**
 * CONTROLLER_GET_NEXT_BROKER_ID (1012) response header:
 *   clusterName, brokerName  string  echoed
 *   nextBrokerId             long    1 for a broker set the controller has never seen
 */
const GET_NEXT_BROKER_ID_RESPONSE_FIELDS = {
  clusterName: field.string().optional(),
  brokerName: field.string().optional(),
  nextBrokerId: field.long().optional(),
};

export type GetNextBrokerIdResponseHeader = HeaderOf<typeof GET_NEXT_BROKER_ID_RESPONSE_FIELDS>;

export const GetNextBrokerIdResponseHeader = headerCodec('GetNextBrokerIdResponseHeader', GET_NEXT_BROKER_ID_RESPONSE_FIELDS);

/**
 * CONTROLLER_APPLY_BROKER_ID (1013) request header, the second registration step:
 *   clusterName        string  optional
 *   brokerName         string  required
 *   appliedBrokerId    long    required  the id the broker claims
 *   registerCheckCode  string  required  "<brokerAddr>;<epochMillis>", makes a retried claim idempotent
 */
const APPLY_BROKER_ID_REQUEST_FIELDS = {
  clusterName: field.string().optional(),
  brokerName: field.string(),
  appliedBrokerId: field.long(),
  registerCheckCode: field.string(),
};

export type ApplyBrokerIdRequestHeader = HeaderOf<typeof APPLY_BROKER_ID_REQUEST_FIELDS>;

export const ApplyBrokerIdRequestHeader = headerCodec('ApplyBrokerIdRequestHeader', APPLY_BROKER_ID_REQUEST_FIELDS);

/**
 * CONTROLLER_APPLY_BROKER_ID (1013) response header:
 *   clusterName, brokerName  string  echoed
 */
const APPLY_BROKER_ID_RESPONSE_FIELDS = {
  clusterName: field.string().optional(),
  brokerName: field.string().optional(),
};

export type ApplyBrokerIdResponseHeader = HeaderOf<typeof APPLY_BROKER_ID_RESPONSE_FIELDS>;

export const ApplyBrokerIdResponseHeader = headerCodec('ApplyBrokerIdResponseHeader', APPLY_BROKER_ID_RESPONSE_FIELDS);
