import { performance } from 'node:perf_hooks';

import { describeError, InvariantViolation, type Logger, systemClock, type TimerHandle, type Timers } from '@rocketmq-ts/base';
import { createResponse, isOneway, ProtocolError, type RemotingCommand, RPC_TYPE_RESPONSE_FLAG, ResponseCode } from '@rocketmq-ts/protocol';

import type { HandlerEntry, HandlerLookup } from './handler-table';
import type { Lane } from './lane';
import type { QueuedRequest } from './queued-request';
import type { InboundRequestSink, RemotingConnection } from './remoting-connection';
import type { HandlerResult } from './remoting-request-handler';
import type { RemotingRequestHook } from './request-hook';

export interface RequestDispatcherOptions {
  readonly lookup: HandlerLookup;
  readonly logger: Logger;
  readonly hooks?: readonly RemotingRequestHook[];
  /** Requests one connection may have admitted (running, parked or queued); default 16 384. */
  readonly maxActiveRequestsPerConnection?: number;
  /** Where the shutdown drain's timeout is scheduled; real timers by default. */
  readonly timers?: Timers;
}

/** Enough for a consumer long-polling a thousand queues at once on its one connection, with room to spare. */
export const DEFAULT_MAX_ACTIVE_REQUESTS_PER_CONNECTION = 16_384;

/**
 * The dispatch loop, per request: look up the code, admit it to its lane, call the handler
 * directly, and write the reply with the request's opaque.
 *
 * - Unknown code → REQUEST_CODE_NOT_SUPPORTED; then the hooks' `admit` may answer instead of the
 *   handler (ACL's NO_PERMISSION) before the request costs a lane slot; lane full or `rejectRequest()` → SYSTEM_BUSY;
 *   handler throws or rejects → SYSTEM_ERROR; when what it threw is a ProtocolError (a header or
 *   body it could not read) the hooks' onMalformedRequest hear of it and the connection stays
 *   open, since the frame itself was sound. An InvariantViolation is answered the same way and
 *   then raised to the process (docs/architecture.md#invariants-and-assertions): a broken store
 *   must not go on serving. One-way requests (flag 0x2) never get a reply, even
 *   an error; flag-0 requests always do unless the handler returns undefined (GO and ali-ons send
 *   their "one-way" calls with flag 0 and drop the answer).
 * - Nothing awaits a request before the next one is read: a handler's promise is followed by
 *   `finishAsync`, so a long-poll parked for 30 s holds its lane slot, not its connection.
 * - No closure is created per request; hooks cost nothing when none are configured.
 *
 * Owner: one server (or client). `dispatch` never throws and never awaits.
 */
export class RequestDispatcher implements InboundRequestSink {
  private readonly lookup: HandlerLookup;
  private readonly logger: Logger;
  private readonly hooks: readonly RemotingRequestHook[] | undefined;
  private readonly maxActivePerConnection: number;
  private readonly timers: Timers;
  private activeCount = 0;
  private shuttingDown = false;
  private onIdle: (() => void) | undefined;

  constructor(options: RequestDispatcherOptions) {
    this.lookup = options.lookup;
    this.logger = options.logger;
    this.hooks = options.hooks && options.hooks.length > 0 ? options.hooks : undefined;
    this.maxActivePerConnection = options.maxActiveRequestsPerConnection ?? DEFAULT_MAX_ACTIVE_REQUESTS_PER_CONNECTION;
    this.timers = options.timers ?? systemClock;
  }

  /** Requests admitted and not yet answered, across all connections and lanes. */
  get active(): number {
    return this.activeCount;
  }

  dispatch(connection: RemotingConnection, request: RemotingCommand): void {
    const startedMs = this.hooks ? performance.now() : 0;
    const entry = this.lookup.lookup(request.code);
    if (!entry) {
      this.answer(
        connection,
        request,
        createResponse(request, ResponseCode.REQUEST_CODE_NOT_SUPPORTED, { remark: ` request type ${request.code} not supported` }),
        startedMs,
      );
      return;
    }
    if (this.hooks) {
      const refusal = this.runAdmitHooks(connection, request);
      if (refusal !== undefined) {
        this.answer(connection, request, refusal, startedMs);
        return;
      }
    }
    if (this.shuttingDown) {
      this.answer(
        connection,
        request,
        createResponse(request, ResponseCode.SYSTEM_BUSY, { remark: '[REJECTREQUEST]server is shutting down, try another' }),
        startedMs,
      );
      return;
    }
    if (entry.handler.rejectRequest?.() === true) {
      this.answer(
        connection,
        request,
        createResponse(request, ResponseCode.SYSTEM_BUSY, { remark: '[REJECTREQUEST]system busy, start flow control for a while' }),
        startedMs,
      );
      return;
    }
    if (connection.activeRequests >= this.maxActivePerConnection) {
      this.answer(
        connection,
        request,
        createResponse(request, ResponseCode.SYSTEM_BUSY, {
          remark: `[OVERLOAD]connection has ${connection.activeRequests} requests in flight, try later`,
        }),
        startedMs,
      );
      return;
    }
    const lane = entry.lane;
    if (lane.tryAcquire()) {
      this.admit(connection);
      if (this.callHandler(connection, request, entry, startedMs)) this.releaseSlot(lane);
    } else if (lane.tryEnqueue({ connection, request, entry, startedMs })) {
      this.admit(connection);
    } else {
      this.answer(
        connection,
        request,
        createResponse(request, ResponseCode.SYSTEM_BUSY, {
          remark: `[OVERLOAD]lane ${lane.name} is full (${lane.maxInFlight} in flight, ${lane.maxQueued} queued), try later`,
        }),
        startedMs,
      );
    }
  }

  /** From now on new requests get SYSTEM_BUSY; admitted ones run to completion. */
  beginShutdown(): void {
    this.shuttingDown = true;
  }

  /** Resolves true once no request is active, or false after `timeoutMs`. */
  async whenIdle(timeoutMs: number): Promise<boolean> {
    if (this.activeCount === 0) return true;
    const timers = this.timers;
    let timer: TimerHandle | undefined;
    const drained = await new Promise<boolean>((resolve) => {
      this.onIdle = () => resolve(true);
      timer = timers.setTimeout(() => resolve(false), timeoutMs);
    });
    timers.clearTimeout(timer);
    this.onIdle = undefined;
    return drained;
  }

  /** Runs the handler; true if it finished synchronously and its lane slot may be released. */
  private callHandler(connection: RemotingConnection, request: RemotingCommand, entry: HandlerEntry, startedMs: number): boolean {
    let result: HandlerResult;
    try {
      if (this.hooks) this.runBeforeHooks(connection, request);
      result = entry.handler.handle(connection, request);
    } catch (error) {
      result = this.errorResponse(connection, request, error);
    }
    if (isPromiseLike(result)) {
      void this.finishAsync(connection, request, entry, result, startedMs);
      return false;
    }
    this.settle(connection, request, result, startedMs);
    return true;
  }

  // The request's own state, passed as is: an object holding it would be one more allocation per
  // request on the dispatch path (docs/architecture.md#size-rules).
  // eslint-disable-next-line max-params
  private async finishAsync(
    connection: RemotingConnection,
    request: RemotingCommand,
    entry: HandlerEntry,
    pending: Promise<RemotingCommand | undefined>,
    startedMs: number,
  ): Promise<void> {
    let response: RemotingCommand | undefined;
    try {
      response = await pending;
    } catch (error) {
      response = this.errorResponse(connection, request, error);
    }
    this.settle(connection, request, response, startedMs);
    this.releaseSlot(entry.lane);
  }

  /** Frees a lane slot, running queued requests that synchronously complete in a loop, not recursion. */
  private releaseSlot(lane: Lane<QueuedRequest>): void {
    for (let next = lane.release(); next !== undefined; next = lane.release()) {
      if (next.connection.closed) {
        // Its peer is gone: running it would only produce a reply nobody can read.
        this.settle(next.connection, next.request, undefined, next.startedMs);
        continue;
      }
      if (!this.callHandler(next.connection, next.request, next.entry, next.startedMs)) return;
    }
  }

  private admit(connection: RemotingConnection): void {
    this.activeCount++;
    connection.activeRequests++;
  }

  /** Ends an admitted request: reply, then counters. */
  private settle(connection: RemotingConnection, request: RemotingCommand, response: RemotingCommand | undefined, startedMs: number): void {
    this.answer(connection, request, response, startedMs);
    connection.activeRequests--;
    this.activeCount--;
    if (this.activeCount === 0) this.onIdle?.();
  }

  private answer(connection: RemotingConnection, request: RemotingCommand, response: RemotingCommand | undefined, startedMs: number): void {
    const sent = response !== undefined && !isOneway(request) ? response : undefined;
    if (this.hooks) this.runAfterHooks(request, sent, performance.now() - startedMs);
    if (sent === undefined || connection.closed) return;
    sent.opaque = request.opaque;
    sent.flag |= RPC_TYPE_RESPONSE_FLAG;
    try {
      connection.write(sent);
    } catch (error) {
      // Encoding failed (e.g. a body over the frame limit): the requester still deserves an answer.
      this.logger.error(
        { code: request.code, opaque: request.opaque, remoteAddress: connection.remoteAddress, err: error },
        'cannot encode response',
      );
      connection.write(createResponse(request, ResponseCode.SYSTEM_ERROR, { remark: `cannot encode response: ${describeError(error)}` }));
    }
  }

  private errorResponse(connection: RemotingConnection, request: RemotingCommand, error: unknown): RemotingCommand {
    if (error instanceof ProtocolError) {
      // The peer sent a header or body we cannot read: its fault, answered with a remark that
      // names the field. Logged without a stack and below warn, so a hostile client cannot
      // flood the error log.
      this.logger.debug(
        { code: request.code, opaque: request.opaque, remoteAddress: connection.remoteAddress, reason: error.reason },
        'request rejected: malformed header or body',
      );
      if (this.hooks) this.runMalformedHooks(connection, request, error);
      return createResponse(request, ResponseCode.SYSTEM_ERROR, { remark: describeError(error) });
    }
    this.logger.error(
      { code: request.code, opaque: request.opaque, remoteAddress: connection.remoteAddress, err: error },
      'request handler failed',
    );
    // Outside this call chain, so `dispatch` still never throws: the process's fatal handler takes it.
    if (error instanceof InvariantViolation) queueMicrotask(() => raise(error));
    return createResponse(request, ResponseCode.SYSTEM_ERROR, { remark: describeError(error) });
  }

  private runBeforeHooks(connection: RemotingConnection, request: RemotingCommand): void {
    for (const hook of this.hooks as readonly RemotingRequestHook[]) hook.beforeRequest?.(connection, request);
  }

  /** The first refusal any hook returns; a hook that throws refuses too, so a broken check never lets a request through. */
  private runAdmitHooks(connection: RemotingConnection, request: RemotingCommand): RemotingCommand | undefined {
    for (const hook of this.hooks as readonly RemotingRequestHook[]) {
      if (hook.admit === undefined) continue;
      try {
        const refusal = hook.admit(connection, request);
        if (refusal !== undefined) return refusal;
      } catch (error) {
        this.logger.error(
          { code: request.code, remoteAddress: connection.remoteAddress, err: error },
          'request hook threw while admitting a request; refused',
        );
        return createResponse(request, ResponseCode.SYSTEM_ERROR, {
          remark: `request refused: admission check failed: ${describeError(error)}`,
        });
      }
    }
    return undefined;
  }

  private runMalformedHooks(connection: RemotingConnection, request: RemotingCommand, error: ProtocolError): void {
    for (const hook of this.hooks as readonly RemotingRequestHook[]) {
      try {
        hook.onMalformedRequest?.(connection, request, error);
      } catch (hookError) {
        this.logger.error({ code: request.code, err: hookError }, 'request hook threw on a malformed request');
      }
    }
  }

  private runAfterHooks(request: RemotingCommand, response: RemotingCommand | undefined, durationMs: number): void {
    for (const hook of this.hooks as readonly RemotingRequestHook[]) {
      try {
        hook.afterResponse?.(request, response, durationMs);
      } catch (error) {
        this.logger.error({ code: request.code, err: error }, 'request hook threw after the response');
      }
    }
  }
}

function raise(error: InvariantViolation): never {
  throw error;
}

function isPromiseLike(result: HandlerResult): result is Promise<RemotingCommand | undefined> {
  return typeof result === 'object' && result !== null && typeof (result as { then?: unknown }).then === 'function';
}
