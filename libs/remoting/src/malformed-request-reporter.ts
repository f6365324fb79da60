import { type Clock, type Logger, systemClock } from '@rocketmq-ts/base';
import { BodyError, HeaderError, type ProtocolError, type RemotingCommand } from '@rocketmq-ts/protocol';

import type { ConnectionContext } from './remoting-request-handler';
import type { RemotingRequestHook } from './request-hook';
import { WarningThrottle } from './warning-throttle';

/** What one malformed request was: enough for an operator to find the client and the bad value. */
export interface MalformedRequest {
  /** The request code. */
  readonly code: number;
  readonly remoteAddress: string;
  /** The client id, when the part of the body that names it could be read (heartbeats). */
  readonly clientId?: string;
  /** The header or body type that failed (`HeartbeatData`, `PullMessageRequestHeader`, `JSON`). */
  readonly structure: string;
  /** Where in it (`$.consumerDataSet[0].subscriptionDataSet[0].subVersion`, `queueOffset`). */
  readonly field: string;
  /** What was wrong, with the offending value described (at most 40 characters of it). */
  readonly problem: string;
}

export interface MalformedRequestReporterOptions {
  readonly logger: Logger;
  /** Counts every report (a metric); called before rate limiting, so the count is exact. */
  readonly count?: (code: number, structure: string) => void;
  /** One warning per (code, structure, field) at most this often; default 60 s. */
  readonly logIntervalMs?: number;
  readonly clock?: Clock;
}

/**
 * The one place a server notices requests it could not decode (docs/remoting-protocol.md#lenient-bodies):
 * each is counted, and logged as a warning naming the client, the field and the value, at most
 * once per `logIntervalMs` for the same request code, structure and field (with how many were
 * suppressed since), so a misbehaving client cannot flood the log but is never silent.
 *
 * It is a request hook (the dispatcher reports a header or body a handler refused with a
 * ProtocolError), and handlers that accept part of a request and refuse the rest (a heartbeat with
 * one bad consumer group) call `report` themselves.
 */
export class MalformedRequestReporter implements RemotingRequestHook {
  private readonly logger: Logger;
  private readonly count: ((code: number, structure: string) => void) | undefined;
  private readonly throttle: WarningThrottle;

  constructor(options: MalformedRequestReporterOptions) {
    this.logger = options.logger;
    this.count = options.count;
    this.throttle = new WarningThrottle(options.logIntervalMs ?? 60_000, options.clock ?? systemClock);
  }

  onMalformedRequest(context: ConnectionContext, request: RemotingCommand, error: ProtocolError): void {
    this.report(describeMalformed(context, request, error));
  }

  report(malformed: MalformedRequest): void {
    this.count?.(malformed.code, malformed.structure);
    // Indexes would make every array element its own key.
    const key = `${malformed.code}|${malformed.structure}|${malformed.field.replace(/\[\d+\]/g, '[]')}`;
    const suppressed = this.throttle.admit(key);
    if (suppressed === undefined) return;
    this.logger.warn({ ...malformed, suppressedSinceLastWarning: suppressed }, 'malformed request: a field could not be decoded');
  }
}

/** The structure and field of a decoder's error; a JSON syntax error has no field but its offset. */
export function describeMalformed(
  context: Pick<ConnectionContext, 'remoteAddress'>,
  request: RemotingCommand,
  error: ProtocolError,
  clientId?: string,
): MalformedRequest {
  const base = { code: request.code, remoteAddress: context.remoteAddress, ...(clientId === undefined ? {} : { clientId }) };
  if (error instanceof BodyError) return { ...base, structure: error.bodyName, field: error.path, problem: error.problem };
  if (error instanceof HeaderError) return { ...base, structure: error.headerName, field: error.field, problem: error.problem };
  return { ...base, structure: 'body', field: '$', problem: error.reason };
}
