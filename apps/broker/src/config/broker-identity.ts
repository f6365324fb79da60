import { parseSocketAddress, type SocketAddress } from '@rocketmq-ts/model';

import type { BrokerConfig } from './broker-config.schema';

/**
 * Who this broker is on the wire, computed once at start: the address it registers and that every
 * stored message carries as STOREHOST (so offsetMsgIds decode back to it, docs/remoting-protocol.md#message-ids).
 */
export interface BrokerIdentity {
  readonly clusterName: string;
  readonly brokerName: string;
  readonly brokerId: number;
  /** `brokerIP1:listenPort`, the address registered with the name server. */
  readonly brokerAddr: string;
  /** `brokerIP2:haListenPort`. */
  readonly haServerAddr: string;
  readonly storeHost: SocketAddress;
}

/** `listenPort` is the bound one: in tests the configured port is 0 and the OS picks. */
export function brokerIdentity(config: BrokerConfig, listenPort: number): BrokerIdentity {
  const brokerAddr = `${config.brokerIP1}:${listenPort}`;
  const storeHost = parseSocketAddress(brokerAddr);
  if (storeHost === undefined) throw new Error(`brokerIP1 ${JSON.stringify(config.brokerIP1)} is not an IP address`);
  const haPort = config.haListenPort === 0 ? listenPort + 1 : config.haListenPort;
  return {
    clusterName: config.brokerClusterName,
    brokerName: config.brokerName,
    brokerId: config.brokerId,
    brokerAddr,
    haServerAddr: `${config.brokerIP2 || config.brokerIP1}:${haPort}`,
    storeHost,
  };
}
