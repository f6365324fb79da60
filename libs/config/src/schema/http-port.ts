import type { ConfigField, FieldOptions } from './config-field';
import { port } from './validators';

/**
 * How far below `listenPort` a server's HTTP port (/health, /metrics; a key Apache RocketMQ does
 * not have) sits by default. 31 keeps the broker's 10911 on 10880, the HTTP port it always had,
 * and gives RocketMQ's one-host layouts distinct ports: name servers 9876/9877 → 9845/9846;
 * masters 10911/10921 → 10880/10890 and slaves 11011/11021 → 10980/10990, clear of every broker's
 * listenPort − 2 (fast channel), listenPort and listenPort + 1 (HA). Two servers' ports meet only
 * when their listenPorts are 29, 31 or 32 apart (docs in conf/README.md).
 */
export const HTTP_PORT_BELOW_LISTEN_PORT = 31;

/** The default HTTP port of a server listening on `listenPort`, undefined when there is none. */
export function defaultHttpPort(listenPort: number): number | undefined {
  const httpPort = listenPort - HTTP_PORT_BELOW_LISTEN_PORT;
  return Number.isInteger(httpPort) && httpPort >= 1 ? httpPort : undefined;
}

/**
 * The `httpPort` key of a server whose schema has `listenPort`: unset, it follows listenPort
 * (so two servers started with only different listenPorts never collide); set, it wins; 0 asks
 * the kernel for a free port.
 */
export function httpPortField(options: FieldOptions = {}): ConfigField<number> {
  // The default is derived; 0 is only a placeholder that defaultFrom always replaces.
  const field = port(0, { ...options, ephemeral: true });
  return {
    ...field,
    defaultFrom: {
      from: 'listenPort',
      rule: `listenPort - ${HTTP_PORT_BELOW_LISTEN_PORT}`,
      derive: (listenPort) => (typeof listenPort === 'number' ? defaultHttpPort(listenPort) : undefined),
    },
  };
}
