import { field, type HeaderOf } from './field';
import { headerCodec } from './header-codec';

/**
 * QUERY_DATA_VERSION (322) request header; the body carries the broker's DataVersion:
 *   brokerName   string  required
 *   brokerAddr   string  required  brokerIP1:listenPort
 *   clusterName  string  required
 *   brokerId     long    required  0 = master
 */
const QUERY_DATA_VERSION_REQUEST_FIELDS = {
  brokerName: field.string(),
  brokerAddr: field.string(),
  clusterName: field.string(),
  brokerId: field.long(),
};

export type QueryDataVersionRequestHeader = HeaderOf<typeof QUERY_DATA_VERSION_REQUEST_FIELDS>;

export const QueryDataVersionRequestHeader = headerCodec('QueryDataVersionRequestHeader', QUERY_DATA_VERSION_REQUEST_FIELDS);
