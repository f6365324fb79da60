// Raft messages over TCP (docs/raft.md#wire-format). Each node listens on its own address and opens
// one outbound connection per peer, used only for sending; replies travel on the replier's own
// outbound connection. Delivery is best effort, which Raft tolerates: while a peer is unreachable
// its messages are dropped and the connection is retried at most every `reconnectDelayMs`.
import { createServer, Socket, type Server } from 'node:net';

import { errorMessage, type HostPort, parseHostPort } from '@rocketmq-ts/base';
import type { Logger } from '@rocketmq-ts/base';

import type { RaftMessage } from '../messages';
import type { RaftTransport } from '../ports';
import { decodeBody, encodeFrame, FrameReader } from './wire-codec';

export interface TcpTransportOptions {
  /** host:port this node listens on. */
  listenAddress: string;
  /** Peer id → host:port. */
  peers: ReadonlyMap<string, string>;
  logger: Logger;
  reconnectDelayMs?: number;
  /** Messages to a peer whose socket already buffers this much are dropped instead of queued. */
  maxBufferedBytes?: number;
}

function splitAddress(address: string): HostPort {
  const parsed = parseHostPort(address);
  if (parsed === undefined) throw new Error(`raft address "${address}" is not host:port`);
  return parsed;
}

interface Outbound {
  socket: Socket | undefined;
  lastAttemptMs: number;
}

export class TcpTransport implements RaftTransport {
  private server: Server | undefined;
  private readonly inbound = new Set<Socket>();
  private readonly outbound = new Map<string, Outbound>();
  private closed = false;

  constructor(private readonly options: TcpTransportOptions) {}

  listen(handler: (message: RaftMessage) => void): Promise<void> {
    const { host, port } = splitAddress(this.options.listenAddress);
    const server = createServer((socket) => this.accept(socket, handler));
    this.server = server;
    return new Promise((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, host, () => {
        server.off('error', reject);
        server.on('error', (error) => this.options.logger.error({ err: error.message }, 'raft listener error'));
        resolve();
      });
    });
  }

  private accept(socket: Socket, handler: (message: RaftMessage) => void): void {
    const remote = `${socket.remoteAddress ?? '?'}:${socket.remotePort ?? '?'}`;
    const frames = new FrameReader();
    this.inbound.add(socket);
    socket.on('data', (chunk: Buffer) => {
      let messages: RaftMessage[];
      try {
        messages = frames.push(chunk).map(decodeBody);
      } catch (error) {
        // A malformed frame costs that connection only; the sender reconnects if it is a real peer.
        this.options.logger.warn({ remote, reason: errorMessage(error) }, 'raft: malformed frame; closing connection');
        socket.destroy();
        return;
      }
      for (const message of messages) handler(message);
    });
    socket.on('error', (error) => this.options.logger.debug({ remote, err: error.message }, 'raft inbound connection error'));
    socket.on('close', () => this.inbound.delete(socket));
  }

  send(to: string, message: RaftMessage): void {
    if (this.closed) return;
    const socket = this.connection(to);
    if (!socket || socket.writableLength > (this.options.maxBufferedBytes ?? 16 * 1024 * 1024)) return;
    socket.write(encodeFrame(message));
  }

  private connection(peer: string): Socket | undefined {
    let state = this.outbound.get(peer);
    if (!state) {
      state = { socket: undefined, lastAttemptMs: Number.NEGATIVE_INFINITY };
      this.outbound.set(peer, state);
    }
    if (state.socket) return state.socket;
    const address = this.options.peers.get(peer);
    const now = performance.now();
    if (address === undefined || now - state.lastAttemptMs < (this.options.reconnectDelayMs ?? 100)) return undefined;
    state.lastAttemptMs = now;
    const { host, port } = splitAddress(address);
    const socket = new Socket();
    socket.setNoDelay(true);
    const current = state;
    current.socket = socket;
    socket.on('error', (error) => this.options.logger.debug({ peer, err: error.message }, 'raft outbound connection error'));
    socket.on('close', () => {
      if (current.socket === socket) current.socket = undefined;
    });
    // Reads are not expected on an outbound connection; drain them so the socket never stalls.
    socket.on('data', () => undefined);
    socket.connect(port, host);
    return socket;
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const state of this.outbound.values()) state.socket?.destroy();
    for (const socket of this.inbound) socket.destroy();
    const server = this.server;
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}
