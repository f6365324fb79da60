/**
 * The one error an assertion throws (docs/architecture.md#invariants-and-assertions).
 *
 * An invariant is a fact the code relies on and never checks as input: "appends do not
 * interleave", "waiters are in offset order". When one is false the process is in a state nobody
 * designed for, so the error is not an outcome to handle: background loops let it through and the
 * server's fatal handler logs `invariant violated: <name>` and exits. Bad input from a peer or a
 * file is never an InvariantViolation; it gets its own error or outcome.
 */
export class InvariantViolation extends Error {
  override readonly name = 'InvariantViolation';

  /**
   * @param invariant a short stable name (`commit-log.synchronous-append`): what logs and alerts key on.
   * @param detail the values that broke it, for the reader of the log.
   */
  constructor(
    readonly invariant: string,
    detail?: string,
  ) {
    super(detail === undefined ? invariant : `${invariant}: ${detail}`);
  }
}

/** For catch blocks that handle failures: an invariant violation is not one of them, let it go on. */
export function rethrowInvariantViolation(error: unknown): void {
  if (error instanceof InvariantViolation) throw error;
}
