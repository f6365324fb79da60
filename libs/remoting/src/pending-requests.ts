import { performance } from 'node:perf_hooks';

import { type Logger, systemClock, type TimerHandle, type Timers } from '@rocketmq-ts/base';
import type { RemotingCommand } from '@rocketmq-ts/protocol';

import { RemotingTimeoutError, type RemotingError } from './remoting-errors';

/** The side of a pending request that owns it: the connection it was written to. */
export interface PendingOwner {
  readonly remoteAddress: string;
}

interface PendingRequest {
  readonly resolve: (response: RemotingCommand) => void;
  readonly reject: (error: RemotingError) => void;
  readonly owner: PendingOwner;
  readonly code: number;
  readonly timeoutMs: number;
  readonly deadlineMs: number;
}

export interface PendingRequestsOptions {
  readonly logger: Logger;
  /** How often expired requests are swept; a timeout fires up to this much late. */
  readonly sweepIntervalMs: number;
  /** Where the sweep is scheduled; real timers by default. Deadlines stay on performance.now (monotonic). */
  readonly timers?: Timers;
}

/**
 * Requests we sent and whose responses we await, by opaque. One sweep timer expires them, rather
 * than a timer per request (Java's scanResponseTable, kafkajs's requestQueue). The timer runs only
 * while something is pending and is unref'd, so an idle client holds no handle.
 *
 * Owner: one RemotingServer or RemotingClient, shared by its connections. Nothing here awaits.
 */
export class PendingRequests {
  private readonly byOpaque = new Map<number, PendingRequest>();
  private sweepTimer: TimerHandle | undefined;
  private readonly timers: Timers;

  constructor(private readonly options: PendingRequestsOptions) {
    this.timers = options.timers ?? systemClock;
  }

  get size(): number {
    return this.byOpaque.size;
  }

  /** Registers `request` (its opaque already set) and returns the promise of its response. */
  add(request: RemotingCommand, owner: PendingOwner, timeoutMs: number): Promise<RemotingCommand> {
    return new Promise<RemotingCommand>((resolve, reject) => {
      this.byOpaque.set(request.opaque, {
        resolve,
        reject,
        owner,
        code: request.code,
        timeoutMs,
        deadlineMs: performance.now() + timeoutMs,
      });
      this.sweepTimer ??= this.timers.setInterval(this.sweep, this.options.sweepIntervalMs).unref();
    });
  }

  /** Resolves the request `response` answers. An unknown opaque (timed out already) is logged and dropped. */
  complete(response: RemotingCommand, owner: PendingOwner): void {
    const pending = this.byOpaque.get(response.opaque);
    if (!pending || pending.owner !== owner) {
      this.options.logger.debug(
        { opaque: response.opaque, responseCode: response.code, remoteAddress: owner.remoteAddress },
        'response matches no pending request (late or unknown); dropped',
      );
      return;
    }
    this.remove(response.opaque);
    pending.resolve(response);
  }

  /** Rejects one request, e.g. when its frame could not be written. */
  fail(opaque: number, error: RemotingError): void {
    const pending = this.byOpaque.get(opaque);
    if (!pending) return;
    this.remove(opaque);
    pending.reject(error);
  }

  /** Rejects every request written to `owner` at once: its connection closed. */
  failOwner(owner: PendingOwner, error: RemotingError): void {
    for (const [opaque, pending] of this.byOpaque) {
      if (pending.owner !== owner) continue;
      this.byOpaque.delete(opaque);
      pending.reject(error);
    }
    this.stopSweepIfEmpty();
  }

  hasPendingFor(owner: PendingOwner): boolean {
    for (const pending of this.byOpaque.values()) if (pending.owner === owner) return true;
    return false;
  }

  private remove(opaque: number): void {
    this.byOpaque.delete(opaque);
    this.stopSweepIfEmpty();
  }

  private stopSweepIfEmpty(): void {
    if (this.byOpaque.size > 0 || !this.sweepTimer) return;
    this.timers.clearInterval(this.sweepTimer);
    this.sweepTimer = undefined;
  }

  // An arrow property: allocated once per table, handed to setInterval without a bind per start.
  private readonly sweep = (): void => {
    const nowMs = performance.now();
    for (const [opaque, pending] of this.byOpaque) {
      if (pending.deadlineMs > nowMs) continue;
      this.byOpaque.delete(opaque);
      pending.reject(new RemotingTimeoutError(pending.owner.remoteAddress, pending.code, opaque, pending.timeoutMs));
    }
    this.stopSweepIfEmpty();
  };
}
