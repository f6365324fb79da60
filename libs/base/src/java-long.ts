// Java's `long` is a signed 64-bit integer; JavaScript's `number` holds integers exactly only up to
// ±(2^53 − 1). RocketMQ's wire carries longs as decimal text (headers) or JSON numbers (bodies),
// and real clients use the whole range: the Go client's subVersion is time.Now().UnixNano()
// (19 digits), Java's admin tools send Long.MAX_VALUE for "no end". So every long on the wire is
// one of two kinds (docs/remoting-protocol.md#java-long-fields):
//
//   quantity  offsets, timestamps, timeouts, sizes, ids: the broker does arithmetic on them, so
//             they live as `number`, and a value beyond ±(2^53 − 1) saturates to that bound.
//             Real values are far below 2^53 (8 PiB of commit log, year 287 396), and saturation
//             keeps the order against every real value: Long.MAX_VALUE as an end time still means
//             "after everything".
//   token     versions the broker only compares and echoes (subVersion, DataVersion): `bigint`,
//             exact over the whole range, written back digit for digit.
//
// Text outside the long range is an error, as Long.parseLong's NumberFormatException is in Java.

export const JAVA_LONG_MIN = -(2n ** 63n);
export const JAVA_LONG_MAX = 2n ** 63n - 1n;

const INTEGER_TEXT = /^[+-]?\d+$/;

/** Long.parseLong: an optional sign and ASCII digits within the long range; undefined otherwise. */
export function parseJavaLong(text: string): bigint | undefined {
  if (!INTEGER_TEXT.test(text)) return undefined;
  // Leading zeros make no difference to the value but can make the text arbitrarily long.
  const value = BigInt(text.length > 40 ? trimLeadingZeros(text) : text);
  return value >= JAVA_LONG_MIN && value <= JAVA_LONG_MAX ? value : undefined;
}

/** Whether a value lies in Java's long range (a bigint from a JSON body may lie beyond it). */
export function isJavaLong(value: bigint): boolean {
  return value >= JAVA_LONG_MIN && value <= JAVA_LONG_MAX;
}

/** A quantity long as a number: exact inside ±(2^53 − 1), saturated to that bound beyond it. */
export function saturateToSafeInteger(value: bigint): number {
  if (value > BigInt(Number.MAX_SAFE_INTEGER)) return Number.MAX_SAFE_INTEGER;
  if (value < BigInt(Number.MIN_SAFE_INTEGER)) return Number.MIN_SAFE_INTEGER;
  return Number(value);
}

/** Long.parseLong for a quantity: saturated number, or undefined when the text is not a long. */
export function parseQuantityLong(text: string): number | undefined {
  if (!INTEGER_TEXT.test(text)) return undefined;
  // The common case (a real offset or timestamp) needs no bigint.
  if (text.length <= 15) {
    const value = Number(text);
    return value === 0 ? 0 : value; // "-0" is 0 in Java, not JavaScript's -0
  }
  const exact = parseJavaLong(text);
  return exact === undefined ? undefined : saturateToSafeInteger(exact);
}

function trimLeadingZeros(text: string): string {
  const sign = text[0] === '-' || text[0] === '+' ? text[0] : '';
  const digits = text.slice(sign.length).replace(/^0+(?=\d)/, '');
  return sign + digits;
}
