import { RequestCode } from '@rocketmq-ts/protocol';

/**
 * ACL 1.0 permission bits (docs/security.md#permissions). A resource's owned permission is one of
 * DENY, PUB, SUB or PUB|SUB; a request needs PUB, SUB, or ANY (either will do).
 */
export const Perm = { DENY: 1, ANY: 2, PUB: 4, SUB: 8 } as const;
export type PermBits = number;

/** `PUB`, `SUB`, `PUB|SUB`, `SUB|PUB` or `DENY`; anything else is undefined (a config error). */
export function parsePerm(text: string): PermBits | undefined {
  switch (text.trim()) {
    case 'PUB':
      return Perm.PUB;
    case 'SUB':
      return Perm.SUB;
    case 'PUB|SUB':
    case 'SUB|PUB':
      return Perm.PUB | Perm.SUB;
    case 'DENY':
      return Perm.DENY;
    default:
      return undefined;
  }
}

export function formatPerm(perm: PermBits): string {
  if ((perm & Perm.DENY) !== 0) return 'DENY';
  const names: string[] = [];
  if ((perm & Perm.PUB) !== 0) names.push('PUB');
  if ((perm & Perm.SUB) !== 0) names.push('SUB');
  return names.length > 0 ? names.join('|') : 'DENY';
}

/** DENY in what is owned wins; ANY is met by PUB or SUB; otherwise the needed bit must be owned. */
export function permits(needed: PermBits, owned: PermBits): boolean {
  if ((owned & Perm.DENY) !== 0) return false;
  if ((needed & Perm.ANY) !== 0) return (owned & (Perm.PUB | Perm.SUB)) !== 0;
  return (needed & owned) !== 0;
}

/**
 * Codes only an admin account may send. RocketMQ 4.x lists the first five; the rest change
 * broker state just as much (batch creates, offset resets, deletes, clean-ups, config) and are
 * admin-only here too, so a PUB|SUB account cannot reach them (docs/security.md#admin-codes).
 */
export const ADMIN_CODES: ReadonlySet<number> = new Set<number>([
  RequestCode.UPDATE_AND_CREATE_TOPIC,
  RequestCode.UPDATE_BROKER_CONFIG,
  RequestCode.DELETE_TOPIC_IN_BROKER,
  RequestCode.UPDATE_AND_CREATE_SUBSCRIPTIONGROUP,
  RequestCode.DELETE_SUBSCRIPTIONGROUP,
  RequestCode.UPDATE_AND_CREATE_TOPIC_LIST,
  RequestCode.UPDATE_AND_CREATE_SUBSCRIPTIONGROUP_LIST,
  RequestCode.UPDATE_AND_CREATE_STATIC_TOPIC,
  RequestCode.RESET_CONSUMER_OFFSET_IN_BROKER,
  RequestCode.INVOKE_BROKER_TO_RESET_OFFSET,
  RequestCode.CLONE_GROUP_OFFSET,
  RequestCode.CLEAN_EXPIRED_CONSUMEQUEUE,
  RequestCode.CLEAN_UNUSED_TOPIC,
  RequestCode.DELETE_EXPIRED_COMMITLOG,
  RequestCode.TRIGGER_DELETE_FILES,
  RequestCode.UPDATE_AND_GET_GROUP_FORBIDDEN,
  RequestCode.SET_MESSAGE_REQUEST_MODE,
  RequestCode.UPDATE_COLD_DATA_FLOW_CTR_CONFIG,
  RequestCode.REMOVE_COLD_DATA_FLOW_CTR_CONFIG,
  RequestCode.SET_COMMITLOG_READ_MODE,
  RequestCode.RESUME_CHECK_HALF_MESSAGE,
  RequestCode.PUT_KV_CONFIG,
  RequestCode.DELETE_KV_CONFIG,
  RequestCode.WIPE_WRITE_PERM_OF_BROKER,
  RequestCode.DELETE_TOPIC_IN_NAMESRV,
  RequestCode.REGISTER_TOPIC_IN_NAMESRV,
  RequestCode.UPDATE_NAMESRV_CONFIG,
  RequestCode.ADD_WRITE_PERM_OF_BROKER,
  RequestCode.RESET_MASTER_FLUSH_OFFSET,
  RequestCode.AUTH_CREATE_USER,
  RequestCode.AUTH_UPDATE_USER,
  RequestCode.AUTH_DELETE_USER,
  RequestCode.AUTH_CREATE_ACL,
  RequestCode.AUTH_UPDATE_ACL,
  RequestCode.AUTH_DELETE_ACL,
]);
