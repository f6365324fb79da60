import { systemClock, type Timers } from '@rocketmq-ts/base';

/** A parked pop: woken by an arrival on one of its topics, or by its own deadline. */
interface ParkedPop {
  readonly topics: readonly string[];
  fire(): void;
}

/**
 * Long polling for pops (docs/grpc-and-pop.md#long-polling). A pop that finds nothing parks here
 * for up to its pollTime; any store arrival on its topic or its pop retry topic wakes it (the pop
 * then runs again), and so does the end of a FIFO batch. Parking is bounded by maxPopPollingSize:
 * beyond it the pop is answered POLLING_FULL at once. Each parked pop fires exactly once.
 */
export class PopLongPolling {
  private readonly byTopic = new Map<string, Set<ParkedPop>>();
  /** Arrivals per topic so far: a pop notes them before it reads, so one landing in between is not missed. */
  private readonly arrivals = new Map<string, number>();
  private parkedCount = 0;

  constructor(
    private readonly maxParked: number,
    private readonly timers: Timers = systemClock,
  ) {}

  get parked(): number {
    return this.parkedCount;
  }

  /** A token for the arrivals on `topics` so far; pass it to `park`. */
  arrivalsOn(topics: readonly string[]): number {
    return topics.reduce((sum, topic) => sum + (this.arrivals.get(topic) ?? 0), 0);
  }

  /**
   * Parks until an arrival or `holdMs`, then calls `wake` once; at once when something arrived
   * since `seen` (the pop's read may have missed it). Undefined when full; otherwise a cancel
   * (connection closed) that drops it without waking.
   */
  park(topics: readonly string[], holdMs: number, seen: number, wake: () => void): (() => void) | undefined {
    if (this.parkedCount >= this.maxParked) return undefined;
    if (this.arrivalsOn(topics) !== seen) {
      queueMicrotask(wake);
      return () => undefined;
    }
    let settled = false;
    const release = (): boolean => {
      if (settled) return false;
      settled = true;
      this.timers.clearTimeout(timer);
      for (const topic of topics) {
        const set = this.byTopic.get(topic);
        set?.delete(parked);
        if (set?.size === 0) this.byTopic.delete(topic);
      }
      this.parkedCount--;
      return true;
    };
    const parked: ParkedPop = {
      topics,
      fire: () => {
        if (release()) wake();
      },
    };
    for (const topic of topics) {
      let set = this.byTopic.get(topic);
      if (set === undefined) this.byTopic.set(topic, (set = new Set()));
      set.add(parked);
    }
    this.parkedCount++;
    const timer = this.timers.setTimeout(parked.fire, holdMs);
    return () => void release();
  }

  /** Wakes every pop parked on `topic`. */
  notify(topic: string): void {
    this.arrivals.set(topic, (this.arrivals.get(topic) ?? 0) + 1);
    const set = this.byTopic.get(topic);
    if (set !== undefined) for (const parked of [...set]) parked.fire();
  }

  /** Shutdown: answer everything parked now. */
  wakeAll(): void {
    for (const set of [...this.byTopic.values()]) for (const parked of [...set]) parked.fire();
  }
}
