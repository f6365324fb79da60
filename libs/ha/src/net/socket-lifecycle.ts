/**
 * Socket and listener chores both HA protocols share (classic and AutoSwitch): binding the HA
 * port, waiting for a congested socket to drain, and closing a socket or server for good.
 */
import type { Server, Socket } from 'node:net';

/** Binds `server` to `port` on `host`; rejects on a bind error (a port in use fails the start). */
export function listenOn(server: Server, port: number, host: string): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
}

/** The port `server` is bound to, if it is. */
export function boundPort(server: Server | undefined): number | undefined {
  const address = server?.address();
  return typeof address === 'object' && address !== null ? address.port : undefined;
}

/** Resolves when `socket` drained its write buffer, or closed. */
export function drained(socket: Socket): Promise<void> {
  return new Promise((resolve) => {
    const done = (): void => {
      socket.off('drain', done);
      socket.off('close', done);
      resolve();
    };
    socket.on('drain', done);
    socket.on('close', done);
  });
}

/** Resolves once `socket` is closed. */
export function socketClosed(socket: Socket): Promise<void> {
  return socket.closed ? Promise.resolve() : new Promise((resolve) => socket.once('close', () => resolve()));
}

/** Destroys `socket` and resolves once it is closed. */
export async function destroyAndWait(socket: Socket): Promise<void> {
  const closed = socketClosed(socket);
  socket.destroy();
  await closed;
}

/** Closes `server` (no new connections) and resolves when it stopped listening. */
export function closeServer(server: Server): Promise<void> {
  return new Promise<void>((resolve) => server.close(() => resolve()));
}
