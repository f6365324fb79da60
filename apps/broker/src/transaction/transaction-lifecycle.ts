import type { OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';

import { type Logger, systemClock, type TimerHandle, type Timers } from '@rocketmq-ts/base';
import type { MessageStore } from '@rocketmq-ts/store';

import { waitForDispatch } from '../store/wait-for-dispatch';
import type { TransactionService } from './transaction-service';

/** How long start-up waits for the store to index what recovery found, before replaying op records anyway. */
const DISPATCH_WAIT_MS = 30_000;

/**
 * Runs the transaction check-back on a master: once the store has dispatched everything recovery
 * found (the op queue and the key index must be complete before decisions are replayed), the
 * service loads, then a pass runs every transactionCheckInterval, never two at once. A slave does
 * neither: its half and op queues arrive by replication and their positions with the consumer
 * offsets, ready for when it serves as master. In controller mode the role changes at runtime:
 * `startChecks`/`stopChecks` (docs/controller-mode-broker.md#master-only-services).
 */
export class TransactionLifecycle implements OnApplicationBootstrap, OnModuleDestroy {
  private timer: TimerHandle | undefined;
  private readonly timers: Timers;
  private running = false;
  private stopped = false;
  /** Bumped by every start and stop, so a start still waiting for dispatch gives up after a stop. */
  private generation = 0;

  constructor(
    private readonly service: TransactionService,
    private readonly store: Pick<MessageStore, 'dispatchBehindBytes'>,
    private readonly options: { readonly checks: boolean; readonly intervalMs: number; readonly logger: Logger; readonly timers?: Timers },
  ) {
    this.timers = options.timers ?? systemClock;
  }

  async onApplicationBootstrap(): Promise<void> {
    if (this.options.checks) await this.startChecks();
  }

  /** Loads (replaying the op queue) and starts the passes; no-op when they run or after shutdown. */
  async startChecks(): Promise<void> {
    if (this.stopped || this.timer !== undefined) return;
    const generation = ++this.generation;
    await waitForDispatch(this.store, { timers: this.timers, maxWaitMs: DISPATCH_WAIT_MS, stopped: () => this.stopped });
    await this.service.load();
    if (this.stopped || generation !== this.generation) return;
    this.timer = this.timers.setInterval(() => void this.pass(), this.options.intervalMs);
    this.timer.unref();
  }

  /** Stops the passes and forgets the state, so the next start replays what another master wrote. */
  stopChecks(): void {
    this.generation++;
    this.timers.clearInterval(this.timer);
    this.timer = undefined;
    this.service.forget();
  }

  onModuleDestroy(): void {
    this.stopped = true;
    this.timers.clearInterval(this.timer);
  }

  private async pass(): Promise<void> {
    if (this.running) return;
    this.running = true;
    try {
      const { checked, discarded } = await this.service.checkOnce();
      if (checked + discarded > 0)
        this.options.logger.info({ checked, discarded, halfOffset: this.service.halfOffset }, 'transaction check pass');
    } catch (error) {
      this.options.logger.error({ err: error }, 'transaction check pass failed');
    } finally {
      this.running = false;
    }
  }
}
