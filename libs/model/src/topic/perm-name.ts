/**
 * Permission bits of topics and brokers (`perm` in TopicConfig, QueueData and broker registration;
 * docs/remoting-protocol.md#json-bodies point 4). A topic is normally 6 (RW); TBW102 is 7, because INHERIT marks a
 * template that SEND_MESSAGE may copy into a new topic.
 */
export const PermName = {
  PERM_INHERIT: 0x1,
  PERM_WRITE: 0x2,
  PERM_READ: 0x4,
  PERM_PRIORITY: 0x8,
} as const;

/** Read + write, the default of a new topic. */
export const PERM_READ_WRITE = PermName.PERM_READ | PermName.PERM_WRITE;

export function isReadable(perm: number): boolean {
  return (perm & PermName.PERM_READ) === PermName.PERM_READ;
}

export function isWriteable(perm: number): boolean {
  return (perm & PermName.PERM_WRITE) === PermName.PERM_WRITE;
}

export function isInherited(perm: number): boolean {
  return (perm & PermName.PERM_INHERIT) === PermName.PERM_INHERIT;
}

export function isPriority(perm: number): boolean {
  return (perm & PermName.PERM_PRIORITY) === PermName.PERM_PRIORITY;
}

/** Java accepts 0..7 in topic updates: PRIORITY is never set through the admin API. */
export function isValidPerm(perm: number): boolean {
  return Number.isInteger(perm) && perm >= 0 && perm < PermName.PERM_PRIORITY;
}

/** `mqadmin`'s rendering: R, W and X (inherit) in fixed columns, `-` when absent, e.g. 6 → `RW-`. */
export function permToString(perm: number): string {
  return (isReadable(perm) ? 'R' : '-') + (isWriteable(perm) ? 'W' : '-') + (isInherited(perm) ? 'X' : '-');
}
