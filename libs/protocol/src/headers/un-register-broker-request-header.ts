import { field, type HeaderOf } from './field';
import { headerCodec } from './header-codec';

/**
 * UNREGISTER_BROKER (104) request header:
 *   brokerName   string  required
 *   brokerAddr   string  required  brokerIP1:listenPort
 *   clusterName  string  required
 *   brokerId     long    required  0 = master
 */
const UN_REGISTER_BROKER_REQUEST_FIELDS = {
  brokerName: field.string(),
  brokerAddr: field.string(),
  clusterName: field.string(),
  brokerId: field.long(),
};

export type UnRegisterBrokerRequestHeader = HeaderOf<typeof UN_REGISTER_BROKER_REQUEST_FIELDS>;

export const UnRegisterBrokerRequestHeader = headerCodec('UnRegisterBrokerRequestHeader', UN_REGISTER_BROKER_REQUEST_FIELDS);
