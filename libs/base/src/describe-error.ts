/**
 * Whatever was thrown, as text (a rejection can carry anything: an Error, a string, a response):
 * the one home for turning it into a log field, a remark or a CLI line.
 */

/** The message alone: for lines that already say what failed ("cannot read X: <message>"). */
export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** `Name: message`: for logs and SYSTEM_ERROR remarks, where the kind of failure matters. */
export function describeError(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}
