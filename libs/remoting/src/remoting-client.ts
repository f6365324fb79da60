import { connect, type Socket } from 'node:net';
import { connect as connectTls, type ConnectionOptions as TlsConnectionOptions } from 'node:tls';

import { type HostPort, type Logger, parseHostPort, silentLogger, type Timers } from '@rocketmq-ts/base';
import type { RemotingCommand } from '@rocketmq-ts/protocol';

import { type ConnectionLimitOptions, DEFAULT_TIMEOUT_SWEEP_INTERVAL_MS, resolveConnectionLimits } from './connection-defaults';
import type { HandlerEntry, HandlerLookup } from './handler-table';
import { Lane } from './lane';
import { PendingRequests } from './pending-requests';
import { type ConnectionLimits, nextConnectionId, RemotingConnection } from './remoting-connection';
import { RemotingConnectError } from './remoting-errors';
import type { RemotingRequestHandler } from './remoting-request-handler';
import { RequestDispatcher } from './request-dispatcher';
import type { QueuedRequest } from './queued-request';

/** Java's connectTimeoutMillis default. */
export const DEFAULT_CONNECT_TIMEOUT_MS = 3_000;
const SERVER_REQUEST_LANE_MAX_IN_FLIGHT = 64;

export interface RemotingClientOptions extends ConnectionLimitOptions {
  readonly logger?: Logger;
  /** Answers requests the server sends us (NOTIFY_CONSUMER_IDS_CHANGED …); without one they get code 3. */
  readonly requestHandler?: RemotingRequestHandler;
  readonly connectTimeoutMs?: number;
  readonly timeoutSweepIntervalMs?: number;
  /** The timeout sweep and the drain's timer; real timers by default. */
  readonly timers?: Timers;
  /**
   * Runs on every request this client sends, just before it is written (Java's client-side
   * RPCHook.doBeforeRequest): how requests get ACL-signed (protocol's `signRequest`).
   */
  readonly beforeRequest?: (request: RemotingCommand) => void;
  /**
   * Connect with TLS (docs/security.md#tls): Node's tls.connect options (ca, cert/key for a client
   * certificate, rejectUnauthorized, servername). Absent = plain TCP.
   */
  readonly tls?: TlsConnectionOptions;
}

/**
 * The classic-protocol client: one lazily opened, reused connection per `host:port` (as Java
 * clients keep one channel per address for sends, long-polls and heartbeats), a process-wide
 * opaque, and one pending table with a single timeout sweep.
 */
export class RemotingClient {
  private readonly logger: Logger;
  private readonly limits: ConnectionLimits;
  private readonly pending: PendingRequests;
  private readonly dispatcher: RequestDispatcher;
  private readonly connectTimeoutMs: number;
  private readonly connections = new Map<string, RemotingConnection>();
  private readonly connecting = new Map<string, Promise<RemotingConnection>>();
  private readonly sockets = new Set<Socket>();
  private isClosed = false;
  private readonly beforeRequest: ((request: RemotingCommand) => void) | undefined;
  private readonly tls: TlsConnectionOptions | undefined;

  constructor(options: RemotingClientOptions = {}) {
    this.logger = (options.logger ?? silentLogger).child({ component: 'remoting-client' });
    this.limits = resolveConnectionLimits(options);
    this.connectTimeoutMs = options.connectTimeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS;
    this.beforeRequest = options.beforeRequest;
    this.tls = options.tls;
    this.pending = new PendingRequests({
      logger: this.logger,
      sweepIntervalMs: options.timeoutSweepIntervalMs ?? DEFAULT_TIMEOUT_SWEEP_INTERVAL_MS,
      timers: options.timers,
    });
    this.dispatcher = new RequestDispatcher({
      lookup: catchAllLookup(options.requestHandler),
      logger: this.logger,
      timers: options.timers,
    });
  }

  /** Sends `request` to `address` (`host:port`) and resolves with the response. */
  async invoke(address: string, request: RemotingCommand, timeoutMs: number): Promise<RemotingCommand> {
    const connection = await this.connection(address);
    this.beforeRequest?.(request);
    return connection.invoke(request, timeoutMs);
  }

  /** Sends a one-way request (flag 0x2); resolves once written, rejects if it cannot be. */
  async invokeOneway(address: string, request: RemotingCommand): Promise<void> {
    const connection = await this.connection(address);
    this.beforeRequest?.(request);
    connection.invokeOneway(request);
  }

  /** Closes every connection, rejecting what is pending; resolves once all sockets are closed. */
  async close(): Promise<void> {
    this.isClosed = true;
    const closedSockets = [...this.sockets].map(
      (socket) =>
        new Promise<void>((resolve) => {
          if (socket.closed) resolve();
          else socket.once('close', () => resolve());
        }),
    );
    for (const socket of this.sockets) socket.destroy();
    await Promise.all(closedSockets);
  }

  /** The open connection to `address`, opening it on first use; concurrent callers share one connect. */
  private connection(address: string): Promise<RemotingConnection> {
    if (this.isClosed) return Promise.reject(new RemotingConnectError(`remoting client is closed; cannot reach ${address}`, address));
    const open = this.connections.get(address);
    if (open && !open.closed) return Promise.resolve(open);
    let connecting = this.connecting.get(address);
    if (!connecting) {
      connecting = this.open(address);
      this.connecting.set(address, connecting);
    }
    return connecting;
  }

  private async open(address: string): Promise<RemotingConnection> {
    try {
      const socket = await this.connectSocket(address);
      const connection = new RemotingConnection({
        socket,
        id: nextConnectionId(),
        sink: this.dispatcher,
        pending: this.pending,
        logger: this.logger,
        limits: this.limits,
        onClosed: (closed) => this.onConnectionClosed(address, closed),
      });
      this.connections.set(address, connection);
      return connection;
    } finally {
      this.connecting.delete(address);
    }
  }

  /**
   * Opens a socket, settling exactly once: on 'connect' ('secureConnect' with TLS: the handshake
   * is part of connecting and shares its timeout), or with RemotingConnectError on an error, the
   * connect timeout, or a close before connecting (e.g. close() called meanwhile).
   */
  private connectSocket(address: string): Promise<Socket> {
    const { host, port } = parseAddress(address);
    return new Promise<Socket>((resolve, reject) => {
      const socket = this.tls
        ? connectTls({
            ...this.tls,
            host,
            port,
            timeout: this.connectTimeoutMs,
            servername: this.tls.servername ?? tlsServername(host),
          }).setNoDelay(true)
        : connect({ host, port, noDelay: true, timeout: this.connectTimeoutMs });
      this.sockets.add(socket);
      socket.once('close', () => this.sockets.delete(socket));
      const onError = (cause: Error): void => fail(cause.message, cause);
      const onTimeout = (): void => fail(`no connection within ${this.connectTimeoutMs} ms`);
      const onEarlyClose = (): void => fail('socket closed before connecting');
      const detach = (): void => {
        socket.off('error', onError);
        socket.off('timeout', onTimeout);
        socket.off('close', onEarlyClose);
      };
      function fail(reason: string, cause?: Error): void {
        detach();
        socket.destroy();
        reject(new RemotingConnectError(`cannot connect to ${address}: ${reason}`, address, { cause }));
      }
      socket.once('error', onError);
      socket.once('timeout', onTimeout);
      socket.once('close', onEarlyClose);
      socket.once(this.tls ? 'secureConnect' : 'connect', () => {
        detach();
        socket.setTimeout(0);
        if (this.isClosed) fail('remoting client closed while connecting');
        else resolve(socket);
      });
    });
  }

  private onConnectionClosed(address: string, connection: RemotingConnection): void {
    if (this.connections.get(address) === connection) this.connections.delete(address);
  }
}

/** SNI must be a host name, never an IP address (RFC 6066); undefined sends none. */
function tlsServername(host: string): string | undefined {
  return /^[\d.]+$/.test(host) || host.includes(':') ? undefined : host;
}

/** `host:port`, IPv6 hosts in brackets or bare (the last colon separates the port). */
function parseAddress(address: string): HostPort {
  const parsed = parseHostPort(address);
  if (parsed === undefined) throw new RemotingConnectError(`invalid address ${address}; expected host:port`, address);
  return parsed;
}

/** Every server-initiated request goes to the one handler, in one lane. */
function catchAllLookup(handler: RemotingRequestHandler | undefined): HandlerLookup {
  if (!handler) return { lookup: () => undefined };
  const lane = new Lane<QueuedRequest>({ name: 'server-requests', maxInFlight: SERVER_REQUEST_LANE_MAX_IN_FLIGHT, maxQueued: 1024 });
  const entries = new Map<number, HandlerEntry>();
  return {
    lookup: (code) => {
      let entry = entries.get(code);
      if (!entry) {
        entry = { code, handler, lane };
        entries.set(code, entry);
      }
      return entry;
    },
  };
}
