import { timingSafeEqual } from 'node:crypto';

import {
  ACL_ACCESS_KEY,
  ACL_SIGNATURE,
  ACL_UNSIGNED_UNIQUE_KEY_QUERY,
  aclSignature,
  aclSigningContent,
  type RemotingCommand,
  TRACE_TOPIC,
} from '@rocketmq-ts/protocol';

import { ADMIN_CODES, formatPerm, permits, Perm } from './permission';
import type { AclAccount, PlainAclConfig } from './plain-acl-config';
import { requestedResources } from './requested-resources';

export type AclDecision =
  | { readonly allowed: true; readonly accessKey: string | undefined }
  | { readonly allowed: false; readonly accessKey: string | undefined; readonly reason: string };

/**
 * The ACL 1.0 decision for one request, in RocketMQ 4.x's order (docs/security.md#decision):
 *
 * 1. a peer on the global whitelist passes, signed or not;
 * 2. no AccessKey, or one no account has → refused;
 * 3. the account's own whiteRemoteAddress passes it without a signature;
 * 4. the Signature must equal the one computed with the account's secret (compared in constant time);
 * 5. PUB to the trace topic passes (any signed account may write traces);
 * 6. an admin code needs `admin: true`;
 * 7. every topic and group the request touches needs its permission, the account's explicit one
 *    or else its default.
 *
 * Pure: no I/O, no clock; reasons name the access key and the resource, never a secret.
 */
export function decide(config: PlainAclConfig, request: RemotingCommand, remoteIp: string): AclDecision {
  for (const white of config.globalWhiteAddresses) if (white(remoteIp)) return { allowed: true, accessKey: undefined };
  const accessKey = request.extFields?.[ACL_ACCESS_KEY];
  if (accessKey === undefined || accessKey === '') return refuse(undefined, 'No accessKey is configured');
  const account = config.accounts.get(accessKey);
  if (!account) return refuse(accessKey, `No acl config for ${accessKey}`);
  if (account.whiteAddress(remoteIp)) return { allowed: true, accessKey };
  if (!signatureMatches(account, request)) return refuse(accessKey, `Check signature failed for accessKey=${accessKey}`);

  const needed = requestedResources(request);
  if (!needed.ok) return refuse(accessKey, needed.reason);
  if (needed.resources.some((resource) => resource.kind === 'topic' && resource.name === TRACE_TOPIC && resource.perm === Perm.PUB))
    return { allowed: true, accessKey };
  if (ADMIN_CODES.has(request.code) && !account.admin)
    return refuse(accessKey, `Need admin permission for request code=${request.code}, but accessKey=${accessKey} is not`);
  for (const resource of needed.resources) {
    const explicit = resource.kind === 'topic' ? account.topicPerms.get(resource.name) : account.groupPerms.get(resource.name);
    const owned = explicit ?? (resource.kind === 'topic' ? account.defaultTopicPerm : account.defaultGroupPerm);
    if (!permits(resource.perm, owned)) {
      const source = explicit === undefined ? 'default permission' : 'permission';
      return refuse(
        accessKey,
        `No ${formatPerm(resource.perm)} ${source} for ${resource.kind} ${resource.name} (accessKey=${accessKey} has ${formatPerm(owned)})`,
      );
    }
  }
  return { allowed: true, accessKey };
}

function signatureMatches(account: AclAccount, request: RemotingCommand): boolean {
  const sent = request.extFields?.[ACL_SIGNATURE];
  if (sent === undefined) return false;
  const expected = Buffer.from(
    aclSignature(aclSigningContent(request.extFields, request.body, ACL_UNSIGNED_UNIQUE_KEY_QUERY), account.secretKey),
    'utf8',
  );
  const actual = Buffer.from(sent, 'utf8');
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}

function refuse(accessKey: string | undefined, reason: string): AclDecision {
  return { allowed: false, accessKey, reason };
}
