/** `Name: message` for logs and SYSTEM_ERROR remarks, whatever was thrown. */
export function describeError(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}
