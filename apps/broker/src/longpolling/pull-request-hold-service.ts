import { type Clock, type Logger, silentLogger, systemClock, type TimerHandle, type Timers } from '@rocketmq-ts/base';

import { type HeldPull, holdKey } from './held-pull';

/** What a wake-up knows of the arrived message: its tags hash and its properties text. */
export interface ArrivalNews {
  readonly tagsCode?: number;
  readonly properties?: string;
}

export interface PullRequestHoldServiceOptions {
  readonly clock: Clock;
  /** Queue max offset (next offset to be written), read by the periodic sweep. */
  readonly maxOffsetOf: (topic: string, queueId: number) => number;
  /** Sweep period: 5 s with long polling, `shortPollingTimeMills` (1 s) without, as Java. */
  readonly checkIntervalMs: number;
  /** Parked pulls per `topic@queueId`; one more is answered at once. */
  readonly maxHeldPerQueue: number;
  /** Parked pulls in all; one more is answered at once. */
  readonly maxHeldTotal: number;
  readonly logger?: Logger;
  /** Where the sweep is scheduled; real timers by default. */
  readonly timers?: Timers;
}

/**
 * The long-polling table: `topic@queueId` → parked pulls. A pull is woken (re-run and answered) as
 * soon as a message that its filter accepts lands in its queue, when the periodic sweep sees the
 * queue grew past its offset, or at its deadline. Nothing here blocks a connection: each parked
 * pull is a pending promise in the pull processor that `wake` settles.
 *
 * Both bounds exist so a flood of consumers cannot grow the table without limit; `hold` returning
 * false tells the processor to answer PULL_NOT_FOUND now, and the client simply pulls again.
 */
export class PullRequestHoldService {
  private readonly table = new Map<string, HeldPull[]>();
  private heldCount = 0;
  private timer: TimerHandle | undefined;
  private stopped = false;
  private readonly logger: Logger;
  private readonly timers: Timers;

  constructor(private readonly options: PullRequestHoldServiceOptions) {
    this.logger = options.logger ?? silentLogger;
    this.timers = options.timers ?? systemClock;
  }

  get size(): number {
    return this.heldCount;
  }

  start(): void {
    if (this.timer !== undefined) return;
    this.timer = this.timers.setInterval(() => this.checkHoldRequests(), this.options.checkIntervalMs);
    this.timer.unref();
  }

  /** Answers every parked pull with what the store has now, then stops the sweep. */
  shutdown(): void {
    this.stopped = true;
    this.timers.clearInterval(this.timer);
    this.timer = undefined;
    const all = [...this.table.values()].flat();
    this.table.clear();
    this.heldCount = 0;
    for (const pull of all) this.safeWake(pull);
  }

  /** Parks `pull`; false when a bound is reached or after shutdown (the caller answers right away). */
  hold(pull: HeldPull): boolean {
    if (this.stopped) return false;
    const key = holdKey(pull.topic, pull.queueId);
    const queue = this.table.get(key) ?? [];
    if (queue.length >= this.options.maxHeldPerQueue || this.heldCount >= this.options.maxHeldTotal) return false;
    queue.push(pull);
    this.table.set(key, queue);
    this.heldCount++;
    return true;
  }

  /** Drops a parked pull without waking it (its connection closed). */
  cancel(pull: HeldPull): void {
    const key = holdKey(pull.topic, pull.queueId);
    const queue = this.table.get(key);
    const index = queue?.indexOf(pull) ?? -1;
    if (queue === undefined || index < 0) return;
    queue.splice(index, 1);
    this.heldCount--;
    if (queue.length === 0) this.table.delete(key);
  }

  /**
   * A message reached `topic`/`queueId` and the queue's max offset is now `maxOffset`. Wakes the
   * pulls it concerns; with `news.tagsCode` given, only those whose filter accepts it, and with
   * `news.properties` given, only SQL92 pulls whose expression matches them (plus any past their
   * deadline). The sweep passes no news: a grown queue wakes every pull behind it. On the
   * dispatch path `news` is the store's reused MessageArrival, so nothing is allocated per message.
   */
  notifyMessageArriving(topic: string, queueId: number, maxOffset: number, news?: ArrivalNews): void {
    const tagsCode = news?.tagsCode;
    const properties = news?.properties;
    const key = holdKey(topic, queueId);
    const queue = this.table.get(key);
    if (queue === undefined) return;
    const nowMs = this.options.clock.nowMs();
    const keep: HeldPull[] = [];
    const wake: HeldPull[] = [];
    for (const pull of queue) {
      const hasNews =
        maxOffset > pull.pullFromThisOffset &&
        (tagsCode === undefined || pull.filter === undefined || pull.filter(tagsCode)) &&
        (properties === undefined || pull.propertyFilter === undefined || pull.propertyFilter(properties));
      (hasNews || nowMs >= pull.deadlineMs ? wake : keep).push(pull);
    }
    if (wake.length === 0) return;
    if (keep.length === 0) this.table.delete(key);
    else this.table.set(key, keep);
    this.heldCount -= wake.length;
    for (const pull of wake) this.safeWake(pull);
  }

  /** The periodic sweep: re-reads each held queue's max offset and wakes what is due. */
  checkHoldRequests(): void {
    for (const key of [...this.table.keys()]) {
      const first = this.table.get(key)?.[0];
      if (first === undefined) continue;
      let maxOffset: number;
      try {
        maxOffset = this.options.maxOffsetOf(first.topic, first.queueId);
      } catch (error) {
        this.logger.warn({ err: error, key }, 'long polling: max offset lookup failed');
        continue;
      }
      this.notifyMessageArriving(first.topic, first.queueId, maxOffset);
    }
  }

  private safeWake(pull: HeldPull): void {
    try {
      pull.wake();
    } catch (error) {
      this.logger.error({ err: error, topic: pull.topic, queueId: pull.queueId }, 'long polling: waking a pull failed');
    }
  }
}
