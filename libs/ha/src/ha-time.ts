import { type Clock, systemClock, type Timers } from '@rocketmq-ts/base';

/** The time options every HA server and client takes (docs/time.md#clock-and-timers). */
export interface HATimeOptions {
  /** Report, read and ack times. Default: the system clock. */
  readonly clock?: Clock;
  /** The housekeeping tick, reconnects and ack deadlines. Default: real timers. */
  readonly timers?: Timers;
}

/** Both halves resolved: what the listener and link base classes hold. */
export interface HATime {
  readonly clock: Clock;
  readonly timers: Timers;
}

export function haTimeOf(options: HATimeOptions): HATime {
  return { clock: options.clock ?? systemClock, timers: options.timers ?? systemClock };
}
