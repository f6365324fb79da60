import type { Socket } from 'node:net';
import { createSecureContext, type SecureContext, type SecureContextOptions, TLSSocket } from 'node:tls';

import type { Logger } from '@rocketmq-ts/base';

import { formatRemoteAddress } from './remote-address';

/**
 * TLS on a remoting port, as RocketMQ's `tls.server.mode` has it (docs/security.md#tls):
 * - `disabled`: plain TCP only; a TLS ClientHello is read as a (bad) frame and closes the connection.
 * - `permissive`: both on the one port, told apart by the first byte (0x16 opens every TLS
 *   handshake; no plain frame can start with it, as that length would be over 350 MB).
 * - `enforcing`: TLS only; a plain connection is closed with a logged reason.
 */
export type TlsMode = 'disabled' | 'permissive' | 'enforcing';
export const TLS_MODES: readonly TlsMode[] = ['disabled', 'permissive', 'enforcing'];

export interface ServerTlsOptions {
  readonly mode: TlsMode;
  /** Server key and certificate (PEM); `ca` holds the roots client certificates are checked against. */
  readonly context: SecureContextOptions;
  /** Ask clients for a certificate (RocketMQ `tls.server.need.client.auth` optional or require). */
  readonly requestCert?: boolean;
  /** Refuse clients without a valid certificate (`require`); only with requestCert. */
  readonly requireClientCert?: boolean;
  /** How long a new connection may take to send its first byte and finish a handshake; default 10 s. */
  readonly handshakeTimeoutMs?: number;
}

const TLS_HANDSHAKE_RECORD = 0x16;

/**
 * Decides per accepted socket whether it speaks TLS, and hands the socket to use (the plain one or
 * its TLS wrap, once the handshake is done) to `ready`. A connection that cannot be served (plain
 * under `enforcing`, a failed handshake, silence) is destroyed here with one log line naming the
 * peer and the reason; the server never sees it.
 */
export class ServerTls {
  private readonly secureContext: SecureContext;
  private readonly handshakeTimeoutMs: number;

  constructor(
    private readonly options: ServerTlsOptions,
    private readonly logger: Logger,
  ) {
    // Bad key or certificate files fail here, at start, not at the first client.
    this.secureContext = createSecureContext(options.context);
    this.handshakeTimeoutMs = options.handshakeTimeoutMs ?? 10_000;
  }

  get mode(): TlsMode {
    return this.options.mode;
  }

  accept(socket: Socket, ready: (socket: Socket) => void): void {
    const peer = formatRemoteAddress(socket.remoteAddress, socket.remotePort);
    const refuse = (reason: string): void => {
      this.logger.info({ remoteAddress: peer, tlsMode: this.options.mode }, `connection closed: ${reason}`);
      socket.destroy();
    };
    socket.setTimeout(this.handshakeTimeoutMs, () => refuse('no TLS handshake or first frame in time'));
    socket.once('error', () => socket.destroy());
    socket.once('readable', () => {
      const first = socket.read(1) as Buffer | null;
      if (first === null) return; // closed before sending anything
      socket.unshift(first);
      if (first[0] !== TLS_HANDSHAKE_RECORD) {
        if (this.options.mode === 'enforcing') {
          refuse('plain TCP on a TLS-only port (tlsMode enforcing)');
          return;
        }
        socket.setTimeout(0);
        ready(socket);
        return;
      }
      this.handshake(socket, peer, ready);
    });
  }

  private handshake(socket: Socket, peer: string, ready: (socket: Socket) => void): void {
    const secure = new TLSSocket(socket, {
      isServer: true,
      secureContext: this.secureContext,
      requestCert: this.options.requestCert === true,
      rejectUnauthorized: this.options.requestCert === true && this.options.requireClientCert === true,
    });
    const onError = (error: Error): void => {
      this.logger.info({ remoteAddress: peer, reason: error.message }, 'connection closed: TLS handshake failed');
      secure.destroy();
    };
    secure.once('error', onError);
    secure.once('secure', () => {
      secure.off('error', onError);
      socket.setTimeout(0);
      ready(secure);
    });
  }
}
