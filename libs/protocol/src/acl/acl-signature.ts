import { createHmac } from 'node:crypto';

import type { ExtFields, RemotingCommand } from '../command/remoting-command';

/**
 * ACL 1.0 request signing, as RocketMQ clients speak it (docs/security.md#signing).
 *
 * The signed bytes are the values (not the keys) of every ext-field except `Signature`, in
 * ascending key order compared by UTF-16 code unit (Java's TreeMap<String>), joined with nothing,
 * as UTF-8, then the body appended. The signature is base64(HMAC-SHA1(secretKey, bytes)).
 * `AccessKey` (and `SecurityToken` when present) are added before signing, so they are signed too.
 * A verifier also leaves out `_UNIQUE_KEY_QUERY`, which a Java admin adds after signing.
 */
export const ACL_ACCESS_KEY = 'AccessKey';
export const ACL_SIGNATURE = 'Signature';
export const ACL_SECURITY_TOKEN = 'SecurityToken';
/** Added by Java's admin query-by-unique-key after the hook signed the request. */
export const ACL_UNSIGNED_UNIQUE_KEY_QUERY = '_UNIQUE_KEY_QUERY';

export interface AclCredentials {
  readonly accessKey: string;
  readonly secretKey: string;
  readonly securityToken?: string;
}

/** The bytes a signature covers, leaving out `Signature` and any key in `alsoUnsigned`. */
export function aclSigningContent(extFields: ExtFields | undefined, body: Buffer | undefined, alsoUnsigned?: string): Buffer {
  const keys = extFields ? Object.keys(extFields).sort(compareUtf16) : [];
  let text = '';
  for (const key of keys) {
    if (key === ACL_SIGNATURE || key === alsoUnsigned) continue;
    text += (extFields as ExtFields)[key];
  }
  const head = Buffer.from(text, 'utf8');
  if (!body || body.length === 0) return head;
  if (head.length === 0) return body;
  return Buffer.concat([head, body]);
}

/** base64(HMAC-SHA1(secretKey as UTF-8, content)). */
export function aclSignature(content: Buffer, secretKey: string): string {
  return createHmac('sha1', Buffer.from(secretKey, 'utf8')).update(content).digest('base64');
}

/** Adds AccessKey, SecurityToken (when set) and Signature to `request`'s ext-fields, in place. */
export function signRequest(request: RemotingCommand, credentials: AclCredentials): void {
  const fields: ExtFields = request.extFields ?? {};
  fields[ACL_ACCESS_KEY] = credentials.accessKey;
  if (credentials.securityToken !== undefined) fields[ACL_SECURITY_TOKEN] = credentials.securityToken;
  delete fields[ACL_SIGNATURE];
  request.extFields = fields;
  fields[ACL_SIGNATURE] = aclSignature(aclSigningContent(fields, request.body), credentials.secretKey);
}

/** Java's String.compareTo: UTF-16 code units, which is also what JS `<` compares. */
function compareUtf16(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
