import { field, type HeaderOf } from './field';
import { headerCodec } from './header-codec';

/**
 * BROKER_HEARTBEAT (904) request header, sent to the namesrv (liveness only) and to the
 * controller (which also reads the replication fields):
 *   clusterName            string  required
 *   brokerAddr             string  required
 *   brokerName             string  required
 *   brokerId               long    optional
 *   epoch                  int     optional  master epoch the broker is in
 *   maxOffset              long    optional  commit-log max offset
 *   confirmOffset          long    optional
 *   heartbeatTimeoutMills  long    optional  (sic: "Mills", as in Java)
 *   electionPriority       int     optional
 */
const BROKER_HEARTBEAT_REQUEST_FIELDS = {
  clusterName: field.string(),
  brokerAddr: field.string(),
  brokerName: field.string(),
  brokerId: field.long().optional(),
  epoch: field.int().optional(),
  maxOffset: field.long().optional(),
  confirmOffset: field.long().optional(),
  heartbeatTimeoutMills: field.long().optional(),
  electionPriority: field.int().optional(),
};

export type BrokerHeartbeatRequestHeader = HeaderOf<typeof BROKER_HEARTBEAT_REQUEST_FIELDS>;

export const BrokerHeartbeatRequestHeader = headerCodec('BrokerHeartbeatRequestHeader', BROKER_HEARTBEAT_REQUEST_FIELDS);
