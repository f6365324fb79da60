import { InvariantViolation } from './invariant-violation';

/**
 * The default branch of an exhaustive switch: `value` is `never` for the compiler, so adding a
 * case to the union without handling it fails the build. At run time (a value from outside the
 * types, e.g. a cast) it throws InvariantViolation named `context`.
 */
export function unreachable(value: never, context: string): never {
  throw new InvariantViolation(context, `unexpected value ${String(value)}`);
}
