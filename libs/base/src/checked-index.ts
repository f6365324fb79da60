import { InvariantViolation } from './invariant-violation';

/**
 * `items[index]` where the caller knows the index is in range: returns `T`, not `T | undefined`,
 * and throws InvariantViolation (`<what> in range`) instead of letting an `undefined` travel on.
 * It replaces casting `items[index]` to `T`, which only silenced the compiler. Arrays that hold `undefined`
 * in freed slots (`(T | undefined)[]`) read as `T` too: a freed slot is out of range.
 *
 * A plain function with no closure or object: cheap enough for decode, append and dispatch loops.
 * Not for input: an index that comes from a peer or a file is checked where it is read.
 */
export function at<T>(items: ArrayLike<T | undefined>, index: number, what: string): T {
  const item = items[index];
  if (item === undefined) throw new InvariantViolation(`${what} in range`, `index ${index} of ${items.length}`);
  return item;
}
