import type { ProtocolError, RemotingCommand } from '@rocketmq-ts/protocol';

import type { ConnectionContext } from './remoting-request-handler';

/**
 * Cross-cutting work around every dispatched request (metrics, ACL), Java's RPCHook idea.
 * Hooks run in a plain loop and only when at least one is configured, so a server without hooks
 * pays nothing, not even a clock read.
 */
export interface RemotingRequestHook {
  /**
   * Runs once the code is known to be served, before the request takes a lane slot. A reply
   * returned here is sent instead of running the handler (how ACL refuses with NO_PERMISSION);
   * undefined lets the request on. A throw refuses it with SYSTEM_ERROR (fail closed).
   */
  admit?(context: ConnectionContext, request: RemotingCommand): RemotingCommand | undefined;
  /** Runs before the handler. A throw turns into a SYSTEM_ERROR reply (how an ACL hook refuses). */
  beforeRequest?(context: ConnectionContext, request: RemotingCommand): void;
  /**
   * Runs once the outcome is known, including SYSTEM_BUSY, REQUEST_CODE_NOT_SUPPORTED and
   * SYSTEM_ERROR replies. `response` is undefined when nothing is sent (one-way, or no reply).
   */
  afterResponse?(request: RemotingCommand, response: RemotingCommand | undefined, durationMs: number): void;
  /**
   * The handler refused the request's header or body with a ProtocolError (answered SYSTEM_ERROR
   * naming the field; the connection stays open). Runs before afterResponse.
   */
  onMalformedRequest?(context: ConnectionContext, request: RemotingCommand, error: ProtocolError): void;
}
