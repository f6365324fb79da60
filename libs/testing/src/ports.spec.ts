import { createServer, type Server } from 'node:net';

import { afterEach, describe, expect, it } from 'vitest';

import { freePort, freePortPair, freePorts, isPortFree, LOOPBACK } from './ports';

const held: Server[] = [];

function hold(port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen({ host: LOOPBACK, port }, () => {
      held.push(server);
      resolve();
    });
  });
}

afterEach(async () => {
  await Promise.all(held.splice(0).map((server) => new Promise<void>((resolve) => server.close(() => resolve()))));
});

describe('Testing > ports', () => {
  it('hands out a port that can be bound on 127.0.0.1', async () => {
    const port = await freePort();
    expect(port).toBeGreaterThan(0);
    await hold(port);
    expect(await isPortFree(port)).toBe(false);
  });

  it('hands out N distinct ports', async () => {
    const ports = await freePorts(5);
    expect(ports).toHaveLength(5);
    expect(new Set(ports).size).toBe(5);
    for (const port of ports) await hold(port);
  });

  it('finds a port whose HA neighbour (port + 1) and fast port (port - 2) are free too', async () => {
    const port = await freePortPair({ withVipPort: true });
    expect(await isPortFree(port)).toBe(true);
    expect(await isPortFree(port + 1)).toBe(true);
    expect(await isPortFree(port - 2)).toBe(true);
    await hold(port);
    await hold(port + 1);
  });

  it('rejects a negative port count', async () => {
    await expect(freePorts(-1)).rejects.toThrow(RangeError);
  });
});
