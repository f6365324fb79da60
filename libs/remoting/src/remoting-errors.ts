/**
 * Client-side failures of a remote call. Each carries `retriable` (may the caller try again,
 * perhaps elsewhere) and `cause`, as kafkajs's errors do, so a retrier decides from the error
 * alone without string matching.
 */
export abstract class RemotingError extends Error {
  abstract readonly retriable: boolean;

  constructor(
    message: string,
    readonly address: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** The TCP connection could not be opened (refused, unreachable, connect timeout). */
export class RemotingConnectError extends RemotingError {
  override readonly name = 'RemotingConnectError';
  readonly retriable = true;
}

/** The request could not be written: the connection was closed or the frame could not be encoded. */
export class RemotingSendError extends RemotingError {
  override readonly name = 'RemotingSendError';
  readonly retriable = true;
}

/** No response arrived within the caller's timeout; the request may still have been processed. */
export class RemotingTimeoutError extends RemotingError {
  override readonly name = 'RemotingTimeoutError';
  readonly retriable = true;

  constructor(
    address: string,
    readonly code: number,
    readonly opaque: number,
    readonly timeoutMs: number,
  ) {
    super(`request code ${code} opaque ${opaque} to ${address} timed out after ${timeoutMs} ms`, address);
  }
}

/** The connection closed (peer, idle timeout or local close) while the request awaited its response. */
export class RemotingConnectionClosedError extends RemotingError {
  override readonly name = 'RemotingConnectionClosedError';
  readonly retriable = true;
}
