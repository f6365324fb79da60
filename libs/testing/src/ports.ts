import { createServer } from 'node:net';

import { parseHostPort } from '@rocketmq-ts/base';

/** Loopback only: every test process binds and connects to 127.0.0.1. */
export const LOOPBACK = '127.0.0.1';

/**
 * A TCP port that was free a moment ago: bind 127.0.0.1:0, read the kernel's pick, close.
 * Another process may take it before the caller binds it; the window is small and the kernel
 * hands out ephemeral ports round-robin, so in practice this holds for a test run.
 */
export function freePort(): Promise<number> {
  return new Promise<number>((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.once('error', reject);
    server.listen({ host: LOOPBACK, port: 0, exclusive: true }, () => {
      const address = server.address();
      if (address === null || typeof address === 'string') {
        server.close();
        reject(new Error(`unexpected listen address ${String(address)}`));
        return;
      }
      server.close((error) => (error ? reject(error) : resolve(address.port)));
    });
  });
}

/** True when 127.0.0.1:`port` can be bound right now. */
export function isPortFree(port: number): Promise<boolean> {
  return new Promise<boolean>((resolve) => {
    const server = createServer();
    server.unref();
    server.once('error', () => resolve(false));
    server.listen({ host: LOOPBACK, port, exclusive: true }, () => server.close(() => resolve(true)));
  });
}

/** `count` distinct free ports (held open together while choosing, so none repeats). */
export async function freePorts(count: number): Promise<number[]> {
  if (!Number.isInteger(count) || count < 0) throw new RangeError(`port count must be a non-negative integer, got ${count}`);
  const servers = await Promise.all(Array.from({ length: count }, () => listenEphemeral()));
  try {
    return servers.map((server) => {
      const address = server.address();
      if (address === null || typeof address === 'string') throw new Error('unexpected listen address');
      return address.port;
    });
  } finally {
    await Promise.all(servers.map((server) => new Promise<void>((resolve) => server.close(() => resolve()))));
  }
}

/**
 * A port whose neighbour `port + 1` is free too: a RocketMQ broker listens on `listenPort` and
 * its HA service on `listenPort + 1`. `port - 2` (the broker's legacy VIP channel) is also
 * checked when `withVipPort` is set.
 */
export async function freePortPair(options: { withVipPort?: boolean; attempts?: number } = {}): Promise<number> {
  const attempts = options.attempts ?? 50;
  for (let attempt = 0; attempt < attempts; attempt++) {
    const port = await freePort();
    if (port + 1 > 65_535) continue;
    if (!(await isPortFree(port + 1))) continue;
    if (options.withVipPort && (port - 2 < 1024 || !(await isPortFree(port - 2)))) continue;
    return port;
  }
  throw new Error(`no free port pair found after ${attempts} attempts`);
}

function listenEphemeral(): Promise<import('node:net').Server> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.once('error', reject);
    server.listen({ host: LOOPBACK, port: 0, exclusive: true }, () => resolve(server));
  });
}

/** The port of a `host:port` address, as remotingRequest takes it. */
export function portOf(address: string): number {
  const parsed = parseHostPort(address);
  if (parsed === undefined) throw new Error(`${address} is not host:port`);
  return parsed.port;
}
