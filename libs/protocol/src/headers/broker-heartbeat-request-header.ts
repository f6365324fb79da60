import type { ExtFields } from '../command/remoting-command';
import { optionalInt, optionalLong, requireString } from './header-fields';

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
export interface BrokerHeartbeatRequestHeader {
  readonly clusterName: string;
  readonly brokerAddr: string;
  readonly brokerName: string;
  readonly brokerId?: number;
  readonly epoch?: number;
  readonly maxOffset?: number;
  readonly confirmOffset?: number;
  readonly heartbeatTimeoutMills?: number;
  readonly electionPriority?: number;
}

const NAME = 'BrokerHeartbeatRequestHeader';

export const BrokerHeartbeatRequestHeader = {
  encode(header: BrokerHeartbeatRequestHeader): ExtFields {
    const ext: ExtFields = { clusterName: header.clusterName, brokerAddr: header.brokerAddr, brokerName: header.brokerName };
    if (header.brokerId !== undefined) ext['brokerId'] = String(header.brokerId);
    if (header.epoch !== undefined) ext['epoch'] = String(header.epoch);
    if (header.maxOffset !== undefined) ext['maxOffset'] = String(header.maxOffset);
    if (header.confirmOffset !== undefined) ext['confirmOffset'] = String(header.confirmOffset);
    if (header.heartbeatTimeoutMills !== undefined) ext['heartbeatTimeoutMills'] = String(header.heartbeatTimeoutMills);
    if (header.electionPriority !== undefined) ext['electionPriority'] = String(header.electionPriority);
    return ext;
  },

  decode(ext: ExtFields | undefined): BrokerHeartbeatRequestHeader {
    return {
      clusterName: requireString(ext, 'clusterName', NAME),
      brokerAddr: requireString(ext, 'brokerAddr', NAME),
      brokerName: requireString(ext, 'brokerName', NAME),
      brokerId: optionalLong(ext, 'brokerId', NAME),
      epoch: optionalInt(ext, 'epoch', NAME),
      maxOffset: optionalLong(ext, 'maxOffset', NAME),
      confirmOffset: optionalLong(ext, 'confirmOffset', NAME),
      heartbeatTimeoutMills: optionalLong(ext, 'heartbeatTimeoutMills', NAME),
      electionPriority: optionalInt(ext, 'electionPriority', NAME),
    };
  },
};
