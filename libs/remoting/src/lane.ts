import { at } from '@rocketmq-ts/base';

/** Configuration of one lane; see Lane. */
export interface LaneOptions {
  readonly name: string;
  /** Requests whose handlers may be running (or parked) at once. */
  readonly maxInFlight: number;
  /** Requests that may wait for a slot once maxInFlight is reached; 0 (default) rejects at once. */
  readonly maxQueued?: number;
}

/**
 * Named admission control: RocketMQ's executor-per-family idea on one event loop. Sends, pulls,
 * heartbeats and admin each get a lane, so a flood of one cannot starve the others.
 *
 * A slot is held from admission until the handler's result settles, so parked long-polls count.
 * When a slot frees and requests are queued, the slot passes straight to the oldest one
 * (`release` returns it) and the in-flight count does not move.
 *
 * Owner: the dispatcher; no method awaits.
 */
export class Lane<Item> {
  readonly name: string;
  readonly maxInFlight: number;
  readonly maxQueued: number;
  private inFlightCount = 0;
  // A FIFO as array + head index: O(1) dequeue without Array#shift, compacted when half consumed.
  private queue: (Item | undefined)[] = [];
  private queueHead = 0;

  constructor(options: LaneOptions) {
    if (!Number.isInteger(options.maxInFlight) || options.maxInFlight < 1) {
      throw new RangeError(`lane ${options.name}: maxInFlight must be a positive integer, got ${options.maxInFlight}`);
    }
    const maxQueued = options.maxQueued ?? 0;
    if (!Number.isInteger(maxQueued) || maxQueued < 0) {
      throw new RangeError(`lane ${options.name}: maxQueued must be a non-negative integer, got ${maxQueued}`);
    }
    this.name = options.name;
    this.maxInFlight = options.maxInFlight;
    this.maxQueued = maxQueued;
  }

  get inFlight(): number {
    return this.inFlightCount;
  }

  get queued(): number {
    return this.queue.length - this.queueHead;
  }

  /** Takes a slot if one is free. */
  tryAcquire(): boolean {
    if (this.inFlightCount >= this.maxInFlight) return false;
    this.inFlightCount++;
    return true;
  }

  /** Parks `item` until a slot frees; false when the queue is full too (the caller answers SYSTEM_BUSY). */
  tryEnqueue(item: Item): boolean {
    if (this.queued >= this.maxQueued) return false;
    this.queue.push(item);
    return true;
  }

  /**
   * Gives a slot back. If an item is queued, the slot goes to it and it is returned: the caller
   * must run it now.
   */
  release(): Item | undefined {
    if (this.queued > 0) {
      const item = at(this.queue, this.queueHead, 'queued items');
      this.queue[this.queueHead] = undefined;
      this.queueHead++;
      if (this.queueHead * 2 >= this.queue.length) {
        this.queue = this.queue.slice(this.queueHead);
        this.queueHead = 0;
      }
      return item;
    }
    this.inFlightCount--;
    return undefined;
  }
}
