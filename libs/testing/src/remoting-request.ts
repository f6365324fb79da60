import { connect, type Socket } from 'node:net';

import { decodeFrame, encodeFrame, FrameSplitter, isResponse, type RemotingCommand } from '@rocketmq-ts/protocol';

import { LOOPBACK } from './ports';

let nextOpaque = 1;

/**
 * A bare RemotingCommand connection for tests: no retries, no reconnects, no handlers. It exists so
 * that e2e suites can talk to a name server or broker without depending on the code under test.
 * Requests the peer sends to us are recorded in `serverRequests` and left unanswered.
 */
export class TestRemotingConnection {
  readonly serverRequests: RemotingCommand[] = [];
  private readonly splitter = new FrameSplitter();
  private readonly pending = new Map<number, { resolve: (response: RemotingCommand) => void; reject: (error: Error) => void }>();
  private closedError: Error | undefined;

  private constructor(
    private readonly socket: Socket,
    readonly address: string,
  ) {
    socket.on('data', (chunk: Buffer) => this.onData(chunk));
    socket.on('error', (error) => this.fail(new Error(`connection to ${address} failed: ${error.message}`)));
    socket.on('close', () => this.fail(new Error(`connection to ${address} closed`)));
  }

  static open(port: number, options: { host?: string; timeoutMs?: number } = {}): Promise<TestRemotingConnection> {
    const host = options.host ?? LOOPBACK;
    return new Promise((resolve, reject) => {
      const socket = connect({ host, port });
      const timer = setTimeout(() => {
        socket.destroy();
        reject(new Error(`connect to ${host}:${port} timed out`));
      }, options.timeoutMs ?? 3000);
      socket.once('connect', () => {
        clearTimeout(timer);
        socket.setNoDelay(true);
        resolve(new TestRemotingConnection(socket, `${host}:${port}`));
      });
      socket.once('error', (error) => {
        clearTimeout(timer);
        reject(new Error(`connect to ${host}:${port}: ${error.message}`));
      });
    });
  }

  get closed(): boolean {
    return this.closedError !== undefined;
  }

  /** Sends `request` with a fresh opaque and resolves with the response carrying that opaque. */
  request(request: RemotingCommand, options: { timeoutMs?: number } = {}): Promise<RemotingCommand> {
    if (this.closedError) return Promise.reject(this.closedError);
    const opaque = nextOpaque++;
    const timeoutMs = options.timeoutMs ?? 5000;
    return new Promise<RemotingCommand>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(opaque);
        reject(new Error(`no response to request code ${request.code} (opaque ${opaque}) from ${this.address} within ${timeoutMs} ms`));
      }, timeoutMs);
      this.pending.set(opaque, {
        resolve: (response) => {
          clearTimeout(timer);
          resolve(response);
        },
        reject: (error) => {
          clearTimeout(timer);
          reject(error);
        },
      });
      this.socket.write(encodeFrame({ ...request, opaque }));
    });
  }

  close(): Promise<void> {
    return new Promise((resolve) => {
      if (this.socket.destroyed) {
        resolve();
        return;
      }
      this.socket.once('close', () => resolve());
      this.socket.end();
      setTimeout(() => this.socket.destroy(), 500).unref();
    });
  }

  private onData(chunk: Buffer): void {
    let frames: Buffer[];
    try {
      frames = this.splitter.push(chunk);
    } catch (error) {
      this.fail(error as Error);
      this.socket.destroy();
      return;
    }
    for (const frame of frames) {
      const command = decodeFrame(Buffer.from(frame));
      if (!isResponse(command)) {
        this.serverRequests.push(command);
        continue;
      }
      const waiter = this.pending.get(command.opaque);
      if (waiter) {
        this.pending.delete(command.opaque);
        waiter.resolve(command);
      }
    }
  }

  private fail(error: Error): void {
    this.closedError ??= error;
    for (const waiter of this.pending.values()) waiter.reject(error);
    this.pending.clear();
  }
}

/** One request on a fresh connection, closed afterwards. */
export async function remotingRequest(
  port: number,
  request: RemotingCommand,
  options: { host?: string; timeoutMs?: number } = {},
): Promise<RemotingCommand> {
  const connection = await TestRemotingConnection.open(port, options);
  try {
    return await connection.request(request, options);
  } finally {
    await connection.close();
  }
}
