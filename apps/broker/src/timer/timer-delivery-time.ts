import { MessageConst } from '@rocketmq-ts/model';

/** ONS clients' absolute delivery time (ms), which Apache's broker ignores and we honour. */
export const PROPERTY_START_DELIVER_TIME = '__STARTDELIVERTIME';

/** The properties that ask for a timer, in the order their values are read (as Java's HookUtils, ONS last). */
export const TIMER_REQUEST_PROPERTIES = [
  MessageConst.PROPERTY_TIMER_DELAY_SEC,
  MessageConst.PROPERTY_TIMER_DELAY_MS,
  MessageConst.PROPERTY_TIMER_DELIVER_MS,
  PROPERTY_START_DELIVER_TIME,
] as const;

export interface TimerLimits {
  readonly precisionMs: number;
  readonly maxDelayMs: number;
}

export type DeliveryTime =
  /** Hold until the slot starting at `slotTimeMs` has passed (TIMER_OUT_MS). */
  | { readonly kind: 'hold'; readonly slotTimeMs: number }
  /** The time is now or past: store the message in its own topic. */
  | { readonly kind: 'now' }
  /** Not a whole number, or further ahead than the max delay: WHEEL_TIMER_MSG_ILLEGAL. */
  | { readonly kind: 'illegal' };

const WHOLE_NUMBER = /^[+-]?\d{1,19}$/;

/**
 * When a message asking for a timer is delivered (Java's HookUtils.transformTimerMessage): a
 * relative delay counts from `nowMs`; a time within the max delay is rounded down to its slot's
 * start, and a time exactly on a slot boundary to the previous slot, so that "deliver once the
 * slot has passed" is never before the asked time and at most one precision after it.
 */
export function deliveryTime(properties: ReadonlyMap<string, string>, nowMs: number, limits: TimerLimits): DeliveryTime {
  const requested = requestedDeliverMs(properties, nowMs);
  if (requested === undefined) return { kind: 'illegal' };
  if (requested <= nowMs) return { kind: 'now' };
  if (requested - nowMs > limits.maxDelayMs) return { kind: 'illegal' };
  const precision = limits.precisionMs;
  const slotTimeMs = requested % precision === 0 ? requested - precision : Math.floor(requested / precision) * precision;
  return { kind: 'hold', slotTimeMs };
}

function requestedDeliverMs(properties: ReadonlyMap<string, string>, nowMs: number): number | undefined {
  const [delaySec, delayMs, deliverMs, startDeliverTime] = TIMER_REQUEST_PROPERTIES.map((name) => properties.get(name));
  if (delaySec !== undefined) return scaled(delaySec, 1000, nowMs);
  if (delayMs !== undefined) return scaled(delayMs, 1, nowMs);
  return scaled(deliverMs ?? startDeliverTime ?? '', 1, 0);
}

/** base + value × unit, or undefined when the text is not a Java long. */
function scaled(text: string, unit: number, base: number): number | undefined {
  if (!WHOLE_NUMBER.test(text)) return undefined;
  const value = Number(text);
  return Number.isSafeInteger(value) ? base + value * unit : undefined;
}
