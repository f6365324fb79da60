import { parse as parseYaml } from 'yaml';

import { at } from '@rocketmq-ts/base';

import { parsePerm, Perm, type PermBits } from './permission';
import { type AddressMatcher, compileAddressPattern } from './remote-address-matcher';

/**
 * plain_acl.yml, RocketMQ 4.x's ACL 1.0 file (docs/security.md#the-accounts-file):
 *
 *   globalWhiteRemoteAddresses: [ '10.10.103.*' ]       # these addresses skip every check
 *   accounts:
 *     - accessKey: RocketMQ                               # more than 6 characters
 *       secretKey: 12345678                               # more than 6 characters
 *       whiteRemoteAddress: 192.168.0.*                   # this account, from here, skips the checks
 *       admin: false                                      # may send admin codes
 *       defaultTopicPerm: DENY                            # DENY | PUB | SUB | PUB|SUB; absent = DENY
 *       defaultGroupPerm: SUB
 *       topicPerms: [ topicA=DENY, topicB=PUB|SUB ]
 *       groupPerms: [ groupA=DENY, groupB=SUB ]
 *
 * Every scalar is read as text (YAML's failsafe schema) so a numeric secret such as 0123 is not
 * turned into a number first. A file with any error loads nothing: the caller keeps what it had.
 * Error messages name the account by its access key, never by its secret.
 */
export interface AclAccount {
  readonly accessKey: string;
  readonly secretKey: string;
  readonly admin: boolean;
  readonly whiteAddress: AddressMatcher;
  readonly defaultTopicPerm: PermBits;
  readonly defaultGroupPerm: PermBits;
  readonly topicPerms: ReadonlyMap<string, PermBits>;
  /** Keyed by the group name (RocketMQ keys it by `%RETRY%group`; the meaning is the same). */
  readonly groupPerms: ReadonlyMap<string, PermBits>;
}

export interface PlainAclConfig {
  readonly globalWhiteAddresses: readonly AddressMatcher[];
  readonly accounts: ReadonlyMap<string, AclAccount>;
}

export type PlainAclParse =
  { readonly ok: true; readonly config: PlainAclConfig } | { readonly ok: false; readonly errors: readonly string[] };

/** RocketMQ's AclConstants: keys and secrets must be longer than this. */
const MIN_KEY_LENGTH_EXCLUSIVE = 6;

export function parsePlainAcl(text: string): PlainAclParse {
  let document: unknown;
  try {
    document = parseYaml(text, { schema: 'failsafe' });
  } catch (error) {
    return { ok: false, errors: [`not YAML: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`] };
  }
  const errors: string[] = [];
  if (document === null || document === undefined || document === '') document = {};
  if (!isRecord(document)) return { ok: false, errors: ['the top level must be a mapping (globalWhiteRemoteAddresses, accounts)'] };

  const globalWhiteAddresses: AddressMatcher[] = [];
  for (const pattern of stringList(document['globalWhiteRemoteAddresses'], 'globalWhiteRemoteAddresses', errors)) {
    const compiled = compileAddressPattern(pattern);
    if (compiled.ok) globalWhiteAddresses.push(compiled.match);
    else errors.push(`globalWhiteRemoteAddresses: ${compiled.reason}`);
  }

  const accounts = new Map<string, AclAccount>();
  const rawAccounts = document['accounts'];
  if (rawAccounts !== undefined && rawAccounts !== null && rawAccounts !== '' && !Array.isArray(rawAccounts))
    errors.push('accounts must be a list');
  (Array.isArray(rawAccounts) ? rawAccounts : []).forEach((raw: unknown, index) => {
    const account = parseAccount(raw, `accounts[${index}]`, errors);
    if (!account) return;
    if (accounts.has(account.accessKey)) errors.push(`accounts[${index}]: accessKey ${account.accessKey} appears twice`);
    accounts.set(account.accessKey, account);
  });
  return errors.length > 0 ? { ok: false, errors } : { ok: true, config: { globalWhiteAddresses, accounts } };
}

function parseAccount(raw: unknown, where: string, errors: string[]): AclAccount | undefined {
  if (!isRecord(raw)) {
    errors.push(`${where} must be a mapping`);
    return undefined;
  }
  const accessKey = scalar(raw['accessKey']);
  const secretKey = scalar(raw['secretKey']);
  if (accessKey === undefined || accessKey.length <= MIN_KEY_LENGTH_EXCLUSIVE) {
    errors.push(`${where}: accessKey must be set and longer than ${MIN_KEY_LENGTH_EXCLUSIVE} characters`);
    return undefined;
  }
  const name = `${where} (accessKey ${accessKey})`;
  if (secretKey === undefined || secretKey.length <= MIN_KEY_LENGTH_EXCLUSIVE) {
    errors.push(`${name}: secretKey must be set and longer than ${MIN_KEY_LENGTH_EXCLUSIVE} characters`);
    return undefined;
  }
  const before = errors.length;
  const adminText = (scalar(raw['admin']) ?? 'false').trim().toLowerCase();
  if (adminText !== 'true' && adminText !== 'false') errors.push(`${name}: admin must be true or false`);
  const white = compileAddressPattern(scalar(raw['whiteRemoteAddress']));
  if (!white.ok) errors.push(`${name}: whiteRemoteAddress ${white.reason}`);
  const account: AclAccount = {
    accessKey,
    secretKey,
    admin: adminText === 'true',
    whiteAddress: white.ok ? white.match : () => false,
    defaultTopicPerm: defaultPerm(raw['defaultTopicPerm'], `${name}: defaultTopicPerm`, errors),
    defaultGroupPerm: defaultPerm(raw['defaultGroupPerm'], `${name}: defaultGroupPerm`, errors),
    topicPerms: resourcePerms(raw['topicPerms'], `${name}: topicPerms`, errors),
    groupPerms: resourcePerms(raw['groupPerms'], `${name}: groupPerms`, errors),
  };
  return errors.length === before ? account : undefined;
}

function defaultPerm(raw: unknown, where: string, errors: string[]): PermBits {
  const text = scalar(raw);
  if (text === undefined || text.trim() === '') return Perm.DENY;
  const perm = parsePerm(text);
  if (perm === undefined) errors.push(`${where}: '${text}' is not DENY, PUB, SUB or PUB|SUB`);
  return perm ?? Perm.DENY;
}

function resourcePerms(raw: unknown, where: string, errors: string[]): ReadonlyMap<string, PermBits> {
  const perms = new Map<string, PermBits>();
  for (const entry of stringList(raw, where, errors)) {
    const parts = entry.split('=');
    const resource = parts[0]?.trim() ?? '';
    const perm = parts.length === 2 ? parsePerm(at(parts, 1, 'resource=perm parts')) : undefined;
    if (resource === '' || perm === undefined) {
      errors.push(`${where}: '${entry}' is not name=PERM with PERM one of DENY, PUB, SUB, PUB|SUB`);
      continue;
    }
    perms.set(resource, perm);
  }
  return perms;
}

function stringList(raw: unknown, where: string, errors: string[]): string[] {
  if (raw === undefined || raw === null || raw === '') return [];
  if (!Array.isArray(raw)) {
    errors.push(`${where} must be a list`);
    return [];
  }
  const out: string[] = [];
  for (const item of raw) {
    const text = scalar(item);
    if (text === undefined) errors.push(`${where}: every item must be a plain value`);
    else if (text.trim() !== '') out.push(text.trim());
  }
  return out;
}

function scalar(raw: unknown): string | undefined {
  return typeof raw === 'string' ? raw : undefined;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
