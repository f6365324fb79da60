import { type AclCredentials, signRequest } from '@rocketmq-ts/protocol';
import type { RemotingClientOptions } from '@rocketmq-ts/remoting';

/**
 * What producers, consumers and the admin client share about security (docs/security.md#our-client):
 * ACL credentials sign every request they send, as Java's AclClientRPCHook does.
 */
export interface ClientSecurityOptions {
  /** ACL 1.0 access key and secret (plain_acl.yml); absent = requests go unsigned. */
  readonly credentials?: AclCredentials;
}

/** The RemotingClient options that carry `security` out. */
export function remotingSecurityOptions(security: ClientSecurityOptions): Pick<RemotingClientOptions, 'beforeRequest'> {
  const credentials = security.credentials;
  if (!credentials) return {};
  return { beforeRequest: (request) => signRequest(request, credentials) };
}
