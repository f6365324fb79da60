import { createServer, type Server, type Socket } from 'node:net';

import { type Logger, silentLogger, type Timers } from '@rocketmq-ts/base';

import { type ConnectionLimitOptions, DEFAULT_TIMEOUT_SWEEP_INTERVAL_MS, resolveConnectionLimits } from './connection-defaults';
import type { HandlerTable } from './handler-table';
import { PendingRequests } from './pending-requests';
import { nextConnectionId, RemotingConnection } from './remoting-connection';
import type { ConnectionLimits } from './remoting-connection';
import { RequestDispatcher } from './request-dispatcher';
import type { RemotingRequestHook } from './request-hook';
import { ServerTls, type ServerTlsOptions } from './server-tls';

export interface RemotingServerOptions extends ConnectionLimitOptions {
  readonly handlerTable: HandlerTable;
  readonly logger?: Logger;
  readonly hooks?: readonly RemotingRequestHook[];
  /** Admitted requests one connection may hold; past it SYSTEM_BUSY `[OVERLOAD]`. */
  readonly maxActiveRequestsPerConnection?: number;
  /** Timeout precision of server → client invokes. */
  readonly timeoutSweepIntervalMs?: number;
  /** The timeout sweep and the shutdown drain's timer; real timers by default. */
  readonly timers?: Timers;
  /** TLS on this port (docs/security.md#tls); absent or mode `disabled` = plain TCP only. */
  readonly tls?: ServerTlsOptions;
}

export interface ListenOptions {
  readonly host: string;
  /** 0 picks an ephemeral port; `listen` returns the one bound. */
  readonly port: number;
}

export interface CloseOptions {
  /** How long admitted requests (parked long-polls included) may take to finish before sockets are destroyed. */
  readonly drainTimeoutMs: number;
}

/**
 * The classic-protocol TCP server. Each connection gets its own frame splitter; a malformed frame
 * closes that connection only. Requests go through one RequestDispatcher over the frozen table.
 *
 * Shutdown order: stop accepting, answer new requests SYSTEM_BUSY, wait for admitted ones up to
 * the drain timeout, then destroy every socket.
 */
export class RemotingServer {
  private readonly server: Server;
  private readonly dispatcher: RequestDispatcher;
  private readonly pending: PendingRequests;
  private readonly limits: ConnectionLimits;
  private readonly logger: Logger;
  private readonly connections = new Map<number, RemotingConnection>();
  /** Accepted sockets still deciding between TLS and plain (or handshaking). */
  private readonly undecided = new Set<Socket>();
  private readonly tls: ServerTls | undefined;
  private boundPort: number | undefined;
  private closing: Promise<void> | undefined;
  private onAllConnectionsClosed: (() => void) | undefined;

  constructor(private readonly options: RemotingServerOptions) {
    this.logger = (options.logger ?? silentLogger).child({ component: 'remoting-server' });
    this.limits = resolveConnectionLimits(options);
    this.dispatcher = new RequestDispatcher({
      lookup: options.handlerTable,
      logger: this.logger,
      hooks: options.hooks,
      maxActiveRequestsPerConnection: options.maxActiveRequestsPerConnection,
      timers: options.timers,
    });
    this.pending = new PendingRequests({
      logger: this.logger,
      sweepIntervalMs: options.timeoutSweepIntervalMs ?? DEFAULT_TIMEOUT_SWEEP_INTERVAL_MS,
      timers: options.timers,
    });
    this.tls = options.tls && options.tls.mode !== 'disabled' ? new ServerTls(options.tls, this.logger) : undefined;
    this.server = createServer({ noDelay: true }, this.onConnection);
  }

  /** The bound port once listening. */
  get port(): number {
    if (this.boundPort === undefined) throw new Error('remoting server is not listening');
    return this.boundPort;
  }

  /** Connections accepted and not yet closed, requests or not (a silent port probe counts too). */
  get connectionCount(): number {
    return this.connections.size;
  }

  /** Freezes the handler table (if the caller has not) and binds; resolves with the bound port. */
  async listen(options: ListenOptions): Promise<number> {
    this.options.handlerTable.freeze();
    await new Promise<void>((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen({ host: options.host, port: options.port }, () => {
        this.server.off('error', reject);
        resolve();
      });
    });
    this.server.on('error', this.onServerError);
    const address = this.server.address();
    this.boundPort = typeof address === 'object' && address !== null ? address.port : options.port;
    this.logger.info({ host: options.host, port: this.boundPort }, 'remoting server listening');
    return this.boundPort;
  }

  /** Idempotent: a second call waits for the first. */
  close(options: CloseOptions): Promise<void> {
    this.closing ??= this.closeOnce(options);
    return this.closing;
  }

  private async closeOnce(options: CloseOptions): Promise<void> {
    const serverClosed = new Promise<void>((resolve) => this.server.close(() => resolve()));
    this.dispatcher.beginShutdown();
    const drained = await this.dispatcher.whenIdle(options.drainTimeoutMs);
    if (!drained) {
      this.logger.warn(
        { activeRequests: this.dispatcher.active, drainTimeoutMs: options.drainTimeoutMs },
        'drain timed out; closing with requests still active',
      );
    }
    const connectionsClosed = new Promise<void>((resolve) => {
      this.onAllConnectionsClosed = resolve;
      if (this.connections.size === 0) resolve();
    });
    for (const socket of this.undecided) socket.destroy();
    for (const connection of this.connections.values()) connection.close('server shutting down');
    // Wait for our own close handling (pending rejections, onClose listeners), not just the sockets.
    await connectionsClosed;
    if (this.boundPort !== undefined) await serverClosed;
    this.logger.info({ port: this.boundPort }, 'remoting server closed');
  }

  private readonly onConnection = (socket: Socket): void => {
    if (this.closing) {
      socket.destroy();
      return;
    }
    if (this.tls) {
      this.undecided.add(socket);
      socket.once('close', () => this.undecided.delete(socket));
      this.tls.accept(socket, (ready) => {
        this.undecided.delete(socket);
        this.serve(ready);
      });
      return;
    }
    this.serve(socket);
  };

  private serve(socket: Socket): void {
    if (this.closing) {
      socket.destroy();
      return;
    }
    const connection = new RemotingConnection({
      socket,
      id: nextConnectionId(),
      sink: this.dispatcher,
      pending: this.pending,
      logger: this.logger,
      limits: this.limits,
      onClosed: this.onConnectionClosed,
    });
    this.connections.set(connection.id, connection);
    if (this.logger.isLevelEnabled?.('debug')) {
      this.logger.debug(
        { connectionId: connection.id, remoteAddress: connection.remoteAddress, tls: 'encrypted' in socket },
        'connection accepted',
      );
    }
  }

  private readonly onConnectionClosed = (connection: RemotingConnection): void => {
    this.connections.delete(connection.id);
    if (this.connections.size === 0) this.onAllConnectionsClosed?.();
  };

  private readonly onServerError = (error: Error): void => {
    this.logger.error({ err: error }, 'remoting server error');
  };
}
