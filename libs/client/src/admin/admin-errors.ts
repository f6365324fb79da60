import { ResponseCode } from '@rocketmq-ts/protocol';
import { RemotingError } from '@rocketmq-ts/remoting';

import { MQClientError, NoRouteError } from '../errors';

/**
 * The thing asked for does not exist: no such message, a group with no stats or no member, a
 * topic on no broker. Separate from refusals so that tools can tell "nothing there" from "the
 * server said no" (mqadmin exits 2 for one, 3 for the other).
 */
export class MQAdminNotFoundError extends MQClientError {
  override readonly name: string = 'MQAdminNotFoundError';

  constructor(message: string, options: { responseCode?: number; remark?: string; cause?: unknown } = {}) {
    super(message, { ...options, retriable: false });
  }
}

/** Response codes that mean "not there" rather than "refused". */
const NOT_FOUND_CODES: ReadonlySet<number> = new Set([
  ResponseCode.TOPIC_NOT_EXIST,
  ResponseCode.SUBSCRIPTION_GROUP_NOT_EXIST,
  ResponseCode.CONSUMER_NOT_ONLINE,
  ResponseCode.QUERY_NOT_FOUND,
  ResponseCode.PULL_NOT_FOUND,
]);

export type AdminFailureKind = 'not-found' | 'refused' | 'unreachable' | 'other';

/** How an admin call failed, judged from the error and its causes. */
export function classifyAdminError(error: unknown): AdminFailureKind {
  if (error instanceof MQAdminNotFoundError || error instanceof NoRouteError) return 'not-found';
  for (let current: unknown = error; current instanceof Error; current = current.cause) {
    if (current instanceof RemotingError) return 'unreachable';
  }
  if (error instanceof MQClientError && error.responseCode !== undefined)
    return NOT_FOUND_CODES.has(error.responseCode) ? 'not-found' : 'refused';
  return 'other';
}
