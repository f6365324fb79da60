import type { Socket } from 'node:net';

import { describeError } from '@rocketmq-ts/base';
import type { Logger } from '@rocketmq-ts/base';
import {
  decodeFrame,
  encodeFrameParts,
  FrameSplitter,
  isResponse,
  ProtocolError,
  type RemotingCommand,
  RPC_ONEWAY_FLAG,
  RPC_TYPE_RESPONSE_FLAG,
} from '@rocketmq-ts/protocol';

import { nextOpaque } from './opaque';
import type { PendingRequests } from './pending-requests';
import { RemotingConnectionClosedError, RemotingSendError } from './remoting-errors';
import type { ConnectionContext } from './remoting-request-handler';
import { formatRemoteAddress } from './remote-address';

/** Receives the requests a connection reads; implemented by RequestDispatcher. */
export interface InboundRequestSink {
  dispatch(connection: RemotingConnection, request: RemotingCommand): void;
}

export interface ConnectionLimits {
  readonly maxFrameBytes: number;
  /** Close after this long with no bytes in either direction and nothing in flight; 0 disables. */
  readonly idleTimeoutMs: number;
  /** Stop reading the peer's requests while this many reply bytes wait in the socket... */
  readonly writePauseBytes: number;
  /** ...and drop the connection if a peer that does not read lets them grow past this. */
  readonly writeLimitBytes: number;
}

export interface RemotingConnectionOptions {
  readonly socket: Socket;
  readonly id: number;
  readonly sink: InboundRequestSink;
  readonly pending: PendingRequests;
  readonly logger: Logger;
  readonly limits: ConnectionLimits;
  /** Called once after the socket closed, so the owner can forget the connection. */
  readonly onClosed: (connection: RemotingConnection) => void;
}

let lastConnectionId = 0;

/** A process-unique connection id. */
export function nextConnectionId(): number {
  return ++lastConnectionId;
}

/**
 * One TCP connection of the classic protocol, on either side. It cuts the byte stream into frames,
 * routes responses to the pending table and requests to the sink, and writes frames.
 *
 * Backpressure: replies are written as produced; once the socket holds more than
 * `writePauseBytes` unsent, reading pauses (the peer gets no new work done until it reads) and
 * resumes on 'drain'. If pending writes still pass `writeLimitBytes` (replies to requests already
 * admitted), the connection is destroyed: memory stays bounded and the peer reconnects.
 *
 * Owner: its server or client. Nothing here awaits; socket listeners are attached once.
 */
export class RemotingConnection implements ConnectionContext {
  readonly id: number;
  readonly remoteAddress: string;
  /** Requests read from this connection and not yet answered (running, parked or queued). */
  activeRequests = 0;
  private isClosed = false;
  private readingPaused = false;
  /** True between the first write of a turn and the nextTick that sends the turn's frames. */
  private writesCorked = false;
  private closeListeners: Set<(context: ConnectionContext) => void> | undefined;
  private readonly socket: Socket;
  private readonly splitter: FrameSplitter;
  private readonly logger: Logger;

  constructor(private readonly options: RemotingConnectionOptions) {
    this.socket = options.socket;
    this.id = options.id;
    this.remoteAddress = formatRemoteAddress(options.socket.remoteAddress, options.socket.remotePort);
    this.splitter = new FrameSplitter(options.limits.maxFrameBytes);
    this.logger = options.logger.child({ connectionId: this.id, remoteAddress: this.remoteAddress });
    this.socket.setNoDelay(true);
    if (options.limits.idleTimeoutMs > 0) this.socket.setTimeout(options.limits.idleTimeoutMs);
    this.socket.on('data', this.onData);
    this.socket.on('drain', this.onDrain);
    this.socket.on('timeout', this.onIdle);
    this.socket.on('error', this.onError);
    this.socket.on('close', this.onSocketClose);
  }

  get closed(): boolean {
    return this.isClosed || this.socket.destroyed;
  }

  invoke(request: RemotingCommand, timeoutMs: number): Promise<RemotingCommand> {
    if (this.closed) return Promise.reject(this.closedSendError(request));
    request.opaque = nextOpaque();
    request.flag &= ~(RPC_ONEWAY_FLAG | RPC_TYPE_RESPONSE_FLAG);
    const response = this.options.pending.add(request, this, timeoutMs);
    try {
      this.write(request);
    } catch (error) {
      this.options.pending.fail(
        request.opaque,
        new RemotingSendError(`cannot send request code ${request.code}: ${describeError(error)}`, this.remoteAddress, { cause: error }),
      );
    }
    return response;
  }

  invokeOneway(request: RemotingCommand): void {
    if (this.closed) throw this.closedSendError(request);
    request.opaque = nextOpaque();
    request.flag = (request.flag | RPC_ONEWAY_FLAG) & ~RPC_TYPE_RESPONSE_FLAG;
    try {
      this.write(request);
    } catch (error) {
      throw new RemotingSendError(`cannot send one-way request code ${request.code}: ${describeError(error)}`, this.remoteAddress, {
        cause: error,
      });
    }
  }

  onClose(listener: (context: ConnectionContext) => void): () => void {
    if (this.isClosed) {
      listener(this);
      return noop;
    }
    const listeners = (this.closeListeners ??= new Set());
    listeners.add(listener);
    return () => listeners.delete(listener);
  }

  /**
   * Queues one frame: head and body as separate chunks, so the body is never copied.
   * Throws ProtocolError if the command cannot be encoded (e.g. over the frame limit).
   *
   * The socket stays corked until the next tick, i.e. until the current turn's microtasks have
   * run: every reply produced for one chunk of requests then leaves in one writev. Writing each
   * reply on its own cost one syscall per message, the largest single cost of the send path in a
   * broker profile (about 19 % of its CPU under the Java BenchProducer).
   */
  write(command: RemotingCommand): void {
    if (this.closed) return;
    const [head, body] = encodeFrameParts(command);
    if (!this.writesCorked) {
      this.writesCorked = true;
      this.socket.cork();
      process.nextTick(this.uncorkWrites);
    }
    this.socket.write(head);
    if (body) this.socket.write(body);
  }

  /** Destroys the socket; 'close' then rejects pending requests and runs close listeners. */
  close(reason: string): void {
    if (this.closed) return;
    this.logger.info({ reason }, 'closing connection');
    this.destroySocket();
  }

  /** Sends the turn's frames, then checks what the kernel did not take. */
  private readonly uncorkWrites = (): void => {
    if (!this.writesCorked) return;
    this.writesCorked = false;
    this.socket.uncork();
    // Checked after the writev, not per frame: corked bytes are not a backlog, only what the
    // kernel refused is (the same measure as before frames were gathered).
    if (!this.socket.destroyed) this.checkWriteBacklog();
  };

  /** Hands corked frames to the kernel first: replies written before a close still go out. */
  private destroySocket(): void {
    if (this.writesCorked) {
      this.writesCorked = false;
      this.socket.uncork();
    }
    this.socket.destroy();
  }

  private checkWriteBacklog(): void {
    const backlogBytes = this.socket.writableLength;
    if (backlogBytes > this.options.limits.writeLimitBytes) {
      this.logger.warn(
        { backlogBytes, writeLimitBytes: this.options.limits.writeLimitBytes },
        'peer is not reading its responses; closing connection',
      );
      this.socket.destroy();
    } else if (!this.readingPaused && backlogBytes > this.options.limits.writePauseBytes) {
      this.readingPaused = true;
      this.socket.pause();
    }
  }

  private readonly onData = (chunk: Buffer): void => {
    let frames: Buffer[];
    try {
      frames = this.splitter.push(chunk);
    } catch (error) {
      this.closeOnMalformedInput(error);
      return;
    }
    for (const frame of frames) {
      let command: RemotingCommand;
      try {
        command = decodeFrame(frame);
      } catch (error) {
        this.closeOnMalformedInput(error);
        return;
      }
      if (isResponse(command)) this.options.pending.complete(command, this);
      else this.options.sink.dispatch(this, command);
      if (this.closed) return;
    }
  };

  private closeOnMalformedInput(error: unknown): void {
    const reason = error instanceof ProtocolError ? error.reason : describeError(error);
    this.logger.warn({ reason }, 'malformed frame; closing connection');
    this.destroySocket();
  }

  private readonly onDrain = (): void => {
    if (!this.readingPaused) return;
    this.readingPaused = false;
    this.socket.resume();
  };

  private readonly onIdle = (): void => {
    // A parked long-poll or an outstanding invoke is not idleness, whatever the byte counters say.
    if (this.activeRequests > 0 || this.options.pending.hasPendingFor(this)) {
      // Node does not re-arm the idle timer after 'timeout'; do it so this connection is checked again.
      this.socket.setTimeout(this.options.limits.idleTimeoutMs);
      return;
    }
    this.logger.info({ idleTimeoutMs: this.options.limits.idleTimeoutMs }, 'closing idle connection');
    this.destroySocket();
  };

  private readonly onError = (error: Error): void => {
    // 'close' follows and does the cleanup; resets by peers are routine, so this is debug only.
    this.logger.debug({ err: error }, 'socket error');
  };

  private readonly onSocketClose = (): void => {
    this.isClosed = true;
    this.options.pending.failOwner(
      this,
      new RemotingConnectionClosedError(`connection to ${this.remoteAddress} closed before the response arrived`, this.remoteAddress),
    );
    const listeners = this.closeListeners;
    this.closeListeners = undefined;
    if (listeners) for (const listener of listeners) this.runCloseListener(listener);
    this.options.onClosed(this);
  };

  private runCloseListener(listener: (context: ConnectionContext) => void): void {
    try {
      listener(this);
    } catch (error) {
      this.logger.error({ err: error }, 'connection close listener threw');
    }
  }

  private closedSendError(request: RemotingCommand): RemotingSendError {
    return new RemotingSendError(
      `connection to ${this.remoteAddress} is closed; request code ${request.code} not sent`,
      this.remoteAddress,
    );
  }
}

function noop(): void {
  // Nothing to unregister: the listener already ran.
}
