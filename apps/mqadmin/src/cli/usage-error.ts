/** The command line is wrong: unknown command or option, missing or malformed value (exit 1). */
export class UsageError extends Error {
  override readonly name = 'UsageError';

  constructor(
    message: string,
    /** The command whose help to point at, when known. */
    readonly command?: string,
  ) {
    super(message);
  }
}
