import { createRequest, type ExtFields, type RemotingCommand } from '@rocketmq-ts/protocol';
import type { ConnectionContext, RemotingRequestHandler } from '@rocketmq-ts/remoting';

import { CloseListeners } from './close-listeners';

let nextLocalId = -1;

/**
 * A gRPC call as a connection the broker's processors can serve, RocketMQ's local-mode proxy
 * "channel" (docs/grpc-and-pop.md#grpc-endpoint): the processors see the client's address and are
 * told when the call ends (a parked pop gives up), and the endpoint stays a translator only.
 * Negative ids keep these apart from TCP connections. The broker cannot call back over it.
 */
export class LocalCall implements ConnectionContext {
  readonly id = nextLocalId--;
  private readonly closing = new CloseListeners();

  constructor(readonly remoteAddress: string) {}

  get closed(): boolean {
    return this.closing.ended;
  }

  invoke(): Promise<RemotingCommand> {
    return Promise.reject(new Error('a gRPC call cannot carry broker-initiated requests'));
  }

  invokeOneway(): void {
    throw new Error('a gRPC call cannot carry broker-initiated requests');
  }

  onClose(listener: (context: ConnectionContext) => void): () => void {
    return this.closing.add(this, listener);
  }

  /** The gRPC call ended or was cancelled. */
  end(): void {
    this.closing.end(this);
  }

  /** Runs one request through a processor; a processor with no answer (call ended) gives undefined. */
  async request(handler: RemotingRequestHandler, code: number, extFields: ExtFields, body?: Buffer): Promise<RemotingCommand | undefined> {
    return handler.handle(this, createRequest(code, { extFields, body, language: 'JAVA' }));
  }
}
