import { readFileSync } from 'node:fs';

import { type AclCredentials, signRequest } from '@rocketmq-ts/protocol';
import type { RemotingClientOptions } from '@rocketmq-ts/remoting';

import type { BrokerConfig } from '../config/broker-config.schema';

/**
 * RemotingClient options for what the broker sends (registration, slave sync, controller calls):
 * signed with its own accessKey/secretKey when set, over TLS with tlsEnable (docs/security.md#tls).
 */
export function brokerClientSecurity(
  config: Pick<BrokerConfig, 'accessKey' | 'secretKey' | 'tlsEnable' | 'tlsClientTrustCertPath'>,
): Pick<RemotingClientOptions, 'beforeRequest' | 'tls'> {
  const credentials: AclCredentials | undefined =
    config.accessKey !== '' && config.secretKey !== '' ? { accessKey: config.accessKey, secretKey: config.secretKey } : undefined;
  return {
    ...(credentials ? { beforeRequest: (request) => signRequest(request, credentials) } : {}),
    ...(config.tlsEnable
      ? { tls: config.tlsClientTrustCertPath !== '' ? { ca: readFileSync(config.tlsClientTrustCertPath) } : { rejectUnauthorized: false } }
      : {}),
  };
}
