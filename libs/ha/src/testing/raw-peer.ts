/**
 * A hand-driven TCP peer for the HA port: specs write exactly the bytes they want (garbage, an
 * offset report, nothing at all) and watch what comes back and whether the other side hangs up.
 */
import { connect, type Socket } from 'node:net';

import { parseHostPort } from '@rocketmq-ts/base';

import { encodeOffsetReport } from '../wire/ha-wire';

export interface RawPeer {
  readonly socket: Socket;
  /** Bytes received so far. */
  received(): number;
  /** Resolves when the other side closed the connection. */
  readonly closed: Promise<void>;
  report(offset: number): void;
  destroy(): void;
}

export async function connectRawPeer(address: string): Promise<RawPeer> {
  const target = parseHostPort(address);
  if (target === undefined) throw new Error(`not an address: ${address}`);
  const socket = connect(target);
  let received = 0;
  socket.on('data', (chunk: Buffer) => (received += chunk.length));
  socket.on('error', () => undefined);
  const closed = new Promise<void>((resolve) => socket.once('close', () => resolve()));
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', resolve);
    socket.once('error', reject);
  });
  return {
    socket,
    received: () => received,
    closed,
    report: (offset) => socket.write(encodeOffsetReport(offset)),
    destroy: () => socket.destroy(),
  };
}
