import { classifyAdminError, MQClientError } from '@rocketmq-ts/client';
import { ResponseCode } from '@rocketmq-ts/protocol';
import type { ZodError } from 'zod';

/**
 * Every error answer is an RFC 9457 problem document (`application/problem+json`): a stable
 * `code`, a human `detail`, and `errors` for field validation or `remoting` when a broker or name
 * server answered. docs/console.md#errors has the status table.
 */
export interface Problem {
  readonly type: string;
  readonly title: string;
  readonly status: number;
  readonly detail: string;
  readonly code: string;
  instance?: string;
  readonly errors?: ReadonlyArray<{ readonly field: string; readonly message: string }>;
  readonly remoting?: { readonly code: number; readonly remark?: string };
}

const TITLES: Readonly<Record<number, string>> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  409: 'Conflict',
  413: 'Payload Too Large',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  501: 'Not Implemented',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
  504: 'Gateway Timeout',
};

/** Thrown by handlers and guards for an answer they chose; the filter renders it. */
export class ProblemError extends Error {
  override readonly name = 'ProblemError';

  constructor(
    readonly status: number,
    readonly code: string,
    detail: string,
    readonly extra: Pick<Problem, 'errors' | 'remoting'> = {},
  ) {
    super(detail);
  }
}

export function problem(status: number, code: string, detail: string, extra: Pick<Problem, 'errors' | 'remoting'> = {}): Problem {
  return {
    type: `urn:rocketmq-ts:console:${code.toLowerCase().replace(/_/g, '-')}`,
    title: TITLES[status] ?? 'Error',
    status,
    detail,
    code,
    ...extra,
  };
}

export function validationProblem(error: ZodError, where: string): Problem {
  const errors = error.issues.map((issue) => ({ field: [where, ...issue.path.map(String)].join('.'), message: issue.message }));
  return problem(400, 'VALIDATION_FAILED', errors.map((one) => `${one.field}: ${one.message}`).join('; '), { errors });
}

/** Broker and name server answers → HTTP status, per the table in docs/console.md#errors. */
const STATUS_OF_RESPONSE_CODE: ReadonlyMap<number, readonly [number, string]> = new Map([
  [ResponseCode.TOPIC_NOT_EXIST, [404, 'TOPIC_NOT_FOUND']],
  [ResponseCode.SUBSCRIPTION_GROUP_NOT_EXIST, [404, 'GROUP_NOT_FOUND']],
  [ResponseCode.QUERY_NOT_FOUND, [404, 'MESSAGE_NOT_FOUND']],
  [ResponseCode.CONSUMER_NOT_ONLINE, [404, 'CONSUMER_NOT_ONLINE']],
  [ResponseCode.REQUEST_CODE_NOT_SUPPORTED, [501, 'NOT_SUPPORTED_BY_BROKER']],
  [ResponseCode.SYSTEM_BUSY, [503, 'BROKER_BUSY']],
  [ResponseCode.NO_PERMISSION, [403, 'BROKER_NO_PERMISSION']],
  [ResponseCode.INVALID_PARAMETER, [400, 'BROKER_INVALID_PARAMETER']],
]);

/** Admin client failures → a problem: not found 404, unreachable 503, a refusal 502 (or its mapped code). */
export function adminProblem(error: unknown): Problem | undefined {
  if (!(error instanceof MQClientError)) return undefined;
  const kind = classifyAdminError(error);
  const remoting = error.responseCode === undefined ? undefined : { code: error.responseCode, remark: error.remark };
  const mapped = error.responseCode === undefined ? undefined : STATUS_OF_RESPONSE_CODE.get(error.responseCode);
  if (mapped !== undefined) return problem(mapped[0], mapped[1], error.message, remoting === undefined ? {} : { remoting });
  if (kind === 'not-found') return problem(404, 'NOT_FOUND', error.message, remoting === undefined ? {} : { remoting });
  if (kind === 'unreachable') return problem(503, 'CLUSTER_UNREACHABLE', error.message);
  if (/timeout|timed out/i.test(error.message)) return problem(504, 'CLUSTER_TIMEOUT', error.message);
  return problem(502, 'BROKER_REFUSED', error.message, remoting === undefined ? {} : { remoting });
}
