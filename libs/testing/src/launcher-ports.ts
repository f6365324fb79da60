import { isPortFree } from './ports';

/**
 * Every port `npm start` (tools/scripts/start-local.mjs) binds before its --port-offset: name
 * servers 9876/9877 and their HTTP ports (listenPort - 31), each broker's fast (listenPort - 2),
 * remoting, HA (listenPort + 1) and HTTP (listenPort - 31) ports; in controller mode (conf/controller)
 * also each controller's client, Raft (+ 1) and HTTP (- 31) ports.
 */
export const LAUNCHER_PORTS: readonly number[] = [
  9876,
  9877,
  9845,
  9846,
  ...[10911, 10921, 11011, 11021, 12011, 12111, 12211, 12021, 12121, 12221].flatMap((listenPort) => [
    listenPort - 2,
    listenPort,
    listenPort + 1,
    listenPort - 31,
  ]),
  ...[9878, 9868, 9858].flatMap((clientPort) => [clientPort, clientPort + 1, clientPort - 31]),
];

/** A --port-offset under which every launcher port is free now (below the ephemeral range). */
export async function freeLauncherPortOffset(attempts = 20): Promise<number> {
  for (let attempt = 0; attempt < attempts; attempt += 1) {
    const offset = 12_000 + Math.floor(Math.random() * 8_000);
    const free = await Promise.all(LAUNCHER_PORTS.map((port) => isPortFree(port + offset)));
    if (free.every(Boolean)) return offset;
  }
  throw new Error('no port offset with every launcher port free');
}
