import fc from 'fast-check';

import { saturateToSafeInteger } from '@rocketmq-ts/base';

/**
 * What the header and body long-field property specs share (docs/remoting-protocol.md#java-long-fields):
 * values over Java's whole long range, and what a field of each kind must decode them to.
 */
export const LONG_MIN = -(2n ** 63n);
export const LONG_MAX = 2n ** 63n - 1n;

export type LongKind = 'quantity' | 'token';

/** The whole range, with the edges, the ±2^53 boundary and a GO subVersion weighted in. */
export const javaLong: fc.Arbitrary<bigint> = fc.oneof(
  fc.bigInt({ min: LONG_MIN, max: LONG_MAX }),
  fc.constantFrom(LONG_MIN, LONG_MAX, 0n, -1n, 2n ** 53n - 1n, 2n ** 53n, 2n ** 53n + 1n, -(2n ** 53n) - 1n, 1796644820944235133n),
  fc.bigInt({ min: -(2n ** 54n), max: 2n ** 54n }),
);

/** A token stays exact; a quantity saturates at ±(2^53 − 1). */
export function decodedLong(kind: LongKind, value: bigint): bigint | number {
  return kind === 'token' ? value : saturateToSafeInteger(value);
}
