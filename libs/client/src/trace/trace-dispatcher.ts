import { type Logger, systemClock, type TimerHandle, type Timers } from '@rocketmq-ts/base';
import { encodeTraceRecords, type TraceRecord } from '@rocketmq-ts/protocol';

import type { Message } from '../producer/message';

/** What the dispatcher sends trace messages with: a producer of its own, never traced itself. */
export interface TraceSender {
  start(): Promise<void>;
  send(message: Message): Promise<unknown>;
  shutdown(): Promise<void>;
}

export interface TraceDispatcherOptions {
  readonly traceTopic: string;
  readonly sender: TraceSender;
  readonly logger: Logger;
  /** How often queued records go out; default 200 ms. */
  readonly flushIntervalMs?: number;
  /** Records per trace message; default 64. */
  readonly recordsPerMessage?: number;
  /** Records held while the trace topic is slow or down; past it new ones are dropped (and counted). Default 20,000. */
  readonly maxQueued?: number;
  /** Where the flush period is scheduled; real timers by default. */
  readonly timers?: Timers;
}

interface Queued {
  readonly record: TraceRecord;
  readonly keys: readonly string[];
}

/**
 * Sends trace records to the trace topic in the background (docs/security.md#trace), as Java's
 * AsyncTraceDispatcher: never on the traced call's path, batched, and lossy under pressure rather
 * than blocking (a trace is diagnostics; the message it traces must not wait for it).
 *
 * Invariants: `record` never throws and never awaits; a failed trace send is logged and its
 * records are dropped; `shutdown` sends what is queued, then stops the sender.
 */
export class TraceDispatcher {
  private queue: Queued[] = [];
  private timer: TimerHandle | undefined;
  private flushing: Promise<void> | undefined;
  private dropped = 0;
  private readonly recordsPerMessage: number;
  private readonly maxQueued: number;

  constructor(private readonly options: TraceDispatcherOptions) {
    this.recordsPerMessage = options.recordsPerMessage ?? 64;
    this.maxQueued = options.maxQueued ?? 20_000;
  }

  /** Records dropped because the queue was full. */
  get droppedCount(): number {
    return this.dropped;
  }

  async start(): Promise<void> {
    await this.options.sender.start();
    this.timer = (this.options.timers ?? systemClock).setInterval(() => void this.flush(), this.options.flushIntervalMs ?? 200);
    this.timer.unref();
  }

  /** Queues one record; `keys` (the traced message's id and keys) make the trace findable by them. */
  record(record: TraceRecord, keys: readonly string[]): void {
    if (this.queue.length >= this.maxQueued) {
      this.dropped++;
      return;
    }
    this.queue.push({ record, keys });
  }

  /** Sends everything queued now; concurrent calls share one pass. */
  flush(): Promise<void> {
    this.flushing ??= this.sendQueued().finally(() => {
      this.flushing = undefined;
    });
    return this.flushing;
  }

  async shutdown(): Promise<void> {
    (this.options.timers ?? systemClock).clearInterval(this.timer);
    this.timer = undefined;
    await this.flush();
    await this.options.sender.shutdown();
  }

  private async sendQueued(): Promise<void> {
    while (this.queue.length > 0) {
      const batch = this.queue.slice(0, this.recordsPerMessage);
      this.queue = this.queue.slice(batch.length);
      const keys = new Set<string>();
      for (const item of batch) for (const key of item.keys) if (key !== '') keys.add(key);
      try {
        await this.options.sender.send({
          topic: this.options.traceTopic,
          body: encodeTraceRecords(batch.map((item) => item.record)),
          keys: [...keys],
        });
      } catch (error) {
        this.options.logger.warn(
          { err: error, records: batch.length, traceTopic: this.options.traceTopic },
          'trace records not sent; dropped',
        );
      }
    }
  }
}
