import { connect, type Socket } from 'node:net';

import { decodeFrame, encodeFrame, FrameSplitter, type RemotingCommand } from '@rocketmq-ts/protocol';

import { waitFor } from './wait-for';

/**
 * A bare TCP peer that writes exactly the bytes a spec gives it and decodes whatever comes back,
 * for the cases a well-behaved RemotingClient cannot produce (chunked, garbage, one-way flag).
 */
export class RawPeer {
  readonly received: RemotingCommand[] = [];
  closed = false;
  private readonly splitter = new FrameSplitter();

  private constructor(readonly socket: Socket) {
    socket.on('data', (chunk: Buffer) => {
      for (const frame of this.splitter.push(chunk)) this.received.push(decodeFrame(frame));
    });
    socket.on('close', () => {
      this.closed = true;
    });
    socket.on('error', () => undefined);
  }

  static async connect(port: number): Promise<RawPeer> {
    const socket = connect({ host: '127.0.0.1', port });
    await new Promise<void>((resolve, reject) => {
      socket.once('connect', resolve);
      socket.once('error', reject);
    });
    return new RawPeer(socket);
  }

  send(command: RemotingCommand): void {
    this.socket.write(encodeFrame(command));
  }

  /** Writes `bytes` one byte per write, waiting for each to flush, so TCP cannot coalesce them. */
  async sendByteByByte(bytes: Buffer): Promise<void> {
    for (let index = 0; index < bytes.length; index++) {
      await new Promise<void>((resolve) => this.socket.write(bytes.subarray(index, index + 1), () => resolve()));
    }
  }

  async waitForResponses(count: number): Promise<RemotingCommand[]> {
    await waitFor(() => this.received.length >= count, `${count} responses (have ${this.received.length})`);
    return this.received;
  }

  async waitForClose(): Promise<void> {
    await waitFor(() => this.closed, 'the server to close the raw connection');
  }

  destroy(): void {
    this.socket.destroy();
  }
}
