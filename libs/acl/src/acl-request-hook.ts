import { type Clock, hostOfAddress, type Logger, systemClock } from '@rocketmq-ts/base';
import { createResponse, type RemotingCommand, ResponseCode } from '@rocketmq-ts/protocol';
import { type ConnectionContext, type RemotingRequestHook, WarningThrottle } from '@rocketmq-ts/remoting';

import { decide } from './plain-access-validator';
import type { PlainAclConfig } from './plain-acl-config';

export interface AclRequestHookOptions {
  /** The accounts in force now; read per request so a reload takes effect on the next one. */
  readonly config: () => PlainAclConfig;
  readonly logger: Logger;
  /** Counts every refusal (a metric), before log rate limiting. */
  readonly countRefusal?: (code: number) => void;
  /** One warning per (access key, code) at most this often; default 10 s. */
  readonly logIntervalMs?: number;
  readonly clock?: Clock;
}

/**
 * ACL 1.0 in the request path (docs/security.md#in-the-request-path). Invariants:
 *
 * - It runs as the dispatcher's `admit` hook: after the code lookup (an unknown code still gets
 *   REQUEST_CODE_NOT_SUPPORTED, as in RocketMQ) and before the request takes a lane slot, so a
 *   flood of refused requests costs no handler work and changes no state.
 * - A refusal is NO_PERMISSION (16) with the reason as remark; nothing else about the request changes.
 * - Logs carry the code, peer, access key and reason, never the secret nor the signature; at most
 *   one warning per (access key, code) per interval, with the count suppressed since.
 * - Synchronous and allocation-light: a signature check is one HMAC over the header values and body.
 */
export class AclRequestHook implements RemotingRequestHook {
  private readonly throttle: WarningThrottle;

  constructor(private readonly options: AclRequestHookOptions) {
    this.throttle = new WarningThrottle(options.logIntervalMs ?? 10_000, options.clock ?? systemClock);
  }

  admit(context: ConnectionContext, request: RemotingCommand): RemotingCommand | undefined {
    const decision = decide(this.options.config(), request, hostOfAddress(context.remoteAddress));
    if (decision.allowed) return undefined;
    this.options.countRefusal?.(request.code);
    this.logRefusal(context.remoteAddress, request.code, decision.accessKey, decision.reason);
    return createResponse(request, ResponseCode.NO_PERMISSION, { remark: decision.reason });
  }

  private logRefusal(remoteAddress: string, code: number, accessKey: string | undefined, reason: string): void {
    const suppressed = this.throttle.admit(`${accessKey ?? ''}|${code}`);
    if (suppressed === undefined) return;
    this.options.logger.warn({ code, remoteAddress, accessKey, reason, suppressedSinceLastWarning: suppressed }, 'request refused by ACL');
  }
}
