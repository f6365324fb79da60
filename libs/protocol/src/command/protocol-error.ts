/**
 * The only error a decoder may throw. The remoting layer catches it, logs `reason`, and closes
 * the one connection that sent the bad bytes; the process and every other connection go on.
 */
export class ProtocolError extends Error {
  override readonly name: string = 'ProtocolError';

  constructor(readonly reason: string) {
    super(reason);
  }
}
