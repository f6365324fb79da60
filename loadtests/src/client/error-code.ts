import { MQClientError } from '@rocketmq-ts/client';
import { responseCodeInfo } from '@rocketmq-ts/protocol';

/** Transport failures carry no response code; their class names say what happened. */
const BY_ERROR_NAME: Readonly<Record<string, string>> = {
  RemotingTimeoutError: 'timeout',
  RemotingConnectError: 'connection',
  RemotingConnectionClosedError: 'connection',
  RemotingSendError: 'connection',
  NoRouteError: 'no_route',
  AbortError: 'aborted',
};

/**
 * The `code` label of a failed send: the broker's response code by name (`SYSTEM_BUSY`), else
 * timeout / connection / no_route found along the cause chain, else `other`. A small fixed set, so
 * the errors series stay few.
 */
export function errorCodeOf(error: unknown): string {
  if (error instanceof MQClientError && error.responseCode !== undefined)
    return responseCodeInfo(error.responseCode)?.name ?? `code_${error.responseCode}`;
  for (let cause: unknown = error, depth = 0; cause instanceof Error && depth < 8; cause = cause.cause, depth += 1) {
    const name = BY_ERROR_NAME[cause.name] ?? BY_ERROR_NAME[cause.constructor.name];
    if (name !== undefined) return name;
  }
  return 'other';
}
