import type { RemotingCommand } from '@rocketmq-ts/protocol';

/**
 * What a handler sees of the connection a request arrived on. Handlers keep no reference to the
 * socket; they answer by returning a response and talk back to the peer through `invoke`.
 */
export interface ConnectionContext {
  /** Unique within the process for the connection's lifetime; stable across its requests. */
  readonly id: number;
  /** `ip:port` of the peer, IPv4-mapped IPv6 addresses written as plain IPv4. */
  readonly remoteAddress: string;
  readonly closed: boolean;
  /**
   * Sends a request to the peer over this connection and resolves with its response. Assigns
   * `request.opaque` from the process-wide counter. Rejects with RemotingTimeoutError,
   * RemotingSendError or RemotingConnectionClosedError.
   */
  invoke(request: RemotingCommand, timeoutMs: number): Promise<RemotingCommand>;
  /** Sends a one-way request (flag 0x2); throws RemotingSendError if the connection is closed. */
  invokeOneway(request: RemotingCommand): void;
  /**
   * Runs `listener` once when the connection closes (at once if already closed). Returns a function
   * that unregisters it; the listener set is dropped on close, so nothing accumulates.
   */
  onClose(listener: (context: ConnectionContext) => void): () => void;
}

/** A handler's answer: a response, a promise of one, or nothing (no reply, e.g. for one-way). */
export type HandlerResult = RemotingCommand | undefined | Promise<RemotingCommand | undefined>;

/**
 * Serves one or more request codes. `handle` is called directly by the dispatch loop; it may
 * return a promise that settles much later (a parked long-poll) without holding up the
 * connection's other requests.
 */
export interface RemotingRequestHandler {
  handle(context: ConnectionContext, request: RemotingCommand): HandlerResult;
  /** Flow control as in Java's NettyRequestProcessor: true answers SYSTEM_BUSY `[REJECTREQUEST]`. */
  rejectRequest?(): boolean;
  /** A short name for logs and the code table; defaults to the constructor name. */
  describe?(): string;
}

export function describeHandler(handler: RemotingRequestHandler): string {
  return handler.describe?.() ?? handler.constructor.name;
}
