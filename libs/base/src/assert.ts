import { InvariantViolation } from './invariant-violation';

/**
 * Checks an invariant (docs/architecture.md#invariants-and-assertions); throws InvariantViolation
 * named `invariant` when it does not hold, and narrows `condition` for the compiler when it does.
 *
 * On hot paths pass a constant `detail` (or none): a template string would be built on every call.
 * Where the values matter, write `if (!ok) throw new InvariantViolation(name, \`...\`)` instead.
 */
export function assert(condition: boolean, invariant: string, detail?: string): asserts condition {
  if (!condition) throw new InvariantViolation(invariant, detail);
}
