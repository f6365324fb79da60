/**
 * The command line is wrong: unknown option, missing or malformed value, stray argument. Every
 * command-line front (mqadmin, mqbench, the servers) reports it the same way: the message, and
 * exit code 1 (docs/architecture.md#command-lines).
 */
export class UsageError extends Error {
  override readonly name = 'UsageError';

  constructor(
    message: string,
    /** The command whose help to point at, when known (mqadmin's sub-commands). */
    readonly command?: string,
  ) {
    super(message);
  }
}
