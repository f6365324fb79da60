import type { OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';

import { type Logger, systemClock, type TimerHandle, type Timers } from '@rocketmq-ts/base';
import type { MessageStore } from '@rocketmq-ts/store';

import { waitForDispatch } from '../store/wait-for-dispatch';
import type { PopLongPolling } from './pop-long-polling';
import type { PopReviveService } from './pop-revive-service';

/** How long start-up waits for the store to index what recovery found before replaying the revive log anyway. */
const DISPATCH_WAIT_MS = 30_000;

/**
 * Starts the pop side: store arrivals wake parked pops; on a master the revive log is replayed once
 * the store has dispatched everything recovery found, then a revive pass runs every reviveInterval,
 * never two at once. A slave revives nothing (its revive log arrives by replication). At shutdown
 * parked pops are answered first so the remoting drain does not wait out their holds. In controller
 * mode the role changes at runtime: `startRevive`/`stopRevive` (docs/controller-mode-broker.md#master-only-services).
 */
export class PopLifecycle implements OnApplicationBootstrap, OnModuleDestroy {
  private timer: TimerHandle | undefined;
  private readonly timers: Timers;
  private running = false;
  private stopped = false;
  /** Bumped by every start and stop, so a start still waiting for dispatch gives up after a stop. */
  private generation = 0;

  constructor(
    private readonly revive: PopReviveService,
    private readonly polling: PopLongPolling,
    private readonly store: Pick<MessageStore, 'dispatchBehindBytes' | 'onMessageArriving'>,
    private readonly options: { readonly revives: boolean; readonly intervalMs: number; readonly logger: Logger; readonly timers?: Timers },
  ) {
    this.timers = options.timers ?? systemClock;
  }

  async onApplicationBootstrap(): Promise<void> {
    this.store.onMessageArriving(({ topic }) => this.polling.notify(topic));
    if (this.options.revives) await this.startRevive();
  }

  /** Replays the revive log and starts the passes; no-op when they run or after shutdown. */
  async startRevive(): Promise<void> {
    if (this.stopped || this.timer !== undefined) return;
    const generation = ++this.generation;
    await waitForDispatch(this.store, { timers: this.timers, maxWaitMs: DISPATCH_WAIT_MS, stopped: () => this.stopped });
    await this.revive.load();
    if (this.stopped || generation !== this.generation) return;
    this.timer = this.timers.setInterval(() => void this.pass(), this.options.intervalMs);
    this.timer.unref();
  }

  /** Stops the passes (a pass under way finishes; its puts are refused once the store is a slave). */
  stopRevive(): void {
    this.generation++;
    this.timers.clearInterval(this.timer);
    this.timer = undefined;
  }

  onModuleDestroy(): void {
    this.stopped = true;
    this.timers.clearInterval(this.timer);
    this.polling.wakeAll();
  }

  private async pass(): Promise<void> {
    if (this.running || this.stopped) return;
    this.running = true;
    try {
      const revived = await this.revive.reviveOnce();
      if (revived > 0) this.options.logger.info({ revived, pending: this.revive.table.size }, 'pop revive pass');
    } catch (error) {
      this.options.logger.error({ err: error }, 'pop revive pass failed; retried next interval');
    } finally {
      this.running = false;
    }
  }
}
