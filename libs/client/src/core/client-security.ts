import type { ConnectionOptions as TlsConnectionOptions } from 'node:tls';

import { type AclCredentials, signRequest } from '@rocketmq-ts/protocol';
import type { RemotingClientOptions } from '@rocketmq-ts/remoting';

/**
 * What producers, consumers and the admin client share about security (docs/security.md#our-client):
 * ACL credentials sign every request they send, as Java's AclClientRPCHook does; TLS settings
 * encrypt every connection.
 */
export interface ClientSecurityOptions {
  /** ACL 1.0 access key and secret (plain_acl.yml); absent = requests go unsigned. */
  readonly credentials?: AclCredentials;
  /**
   * Connect to name servers and brokers with TLS: Node's tls.connect options (`ca` to trust a
   * private CA, `cert`/`key` for a client certificate). As with Java's `tls.enable`, it applies to
   * every connection the client opens. Absent = plain TCP.
   */
  readonly tls?: TlsConnectionOptions;
}

/** The RemotingClient options that carry `security` out. */
export function remotingSecurityOptions(security: ClientSecurityOptions): Pick<RemotingClientOptions, 'beforeRequest' | 'tls'> {
  const credentials = security.credentials;
  return {
    ...(credentials ? { beforeRequest: (request) => signRequest(request, credentials) } : {}),
    ...(security.tls ? { tls: security.tls } : {}),
  };
}
