import { createServer, type Server, type Socket, connect } from 'node:net';

import { parseHostPort } from '@rocketmq-ts/base';
import { decodeFrame, encodeFrame, FrameSplitter } from '@rocketmq-ts/protocol';

import { LOOPBACK } from './ports';

// A network partition a test owns, between brokers and controllers (docs/controller-mode-broker.md#tests):
// one TCP proxy per controller. A broker whose controllerAddr lists the proxies reaches the
// controllers only through them, so `cut()` isolates that broker from every controller while its
// clients and HA peers still reach it. Brokers learn the leader's *own* address from the metadata
// reply (1005) and would then bypass the proxy; the proxy therefore rewrites that one field of the
// replies it forwards to the matching proxy address. Every other frame passes byte for byte.

export interface ControllerProxies {
  /** What the isolated broker puts in controllerAddr. */
  readonly controllerAddr: string;
  /** Closes every proxied connection and refuses new ones until `heal()`. */
  cut(): void;
  heal(): void;
  close(): Promise<void>;
}

interface Link {
  readonly client: Socket;
  readonly upstream: Socket;
}

/** One proxy per controller address in `controllerAddrs` (the same order), on free loopback ports. */
export async function startControllerProxies(controllerAddrs: readonly string[]): Promise<ControllerProxies> {
  const links = new Set<Link>();
  const servers: Server[] = [];
  const proxyOf = new Map<string, string>();
  let isCut = false;

  for (const target of controllerAddrs) {
    const [host, port] = splitAddr(target);
    const server = createServer((client) => {
      if (isCut) {
        client.destroy();
        return;
      }
      const upstream = connect({ host, port });
      const link = { client, upstream };
      links.add(link);
      const close = (): void => {
        links.delete(link);
        client.destroy();
        upstream.destroy();
      };
      client.on('error', close).on('close', close);
      upstream.on('error', close).on('close', close);
      client.pipe(upstream);
      // Replies: split into frames so the metadata reply's leader address can be rewritten.
      const splitter = new FrameSplitter();
      upstream.on('data', (chunk: Buffer) => {
        try {
          for (const frame of splitter.push(chunk)) client.write(rewrite(frame, proxyOf));
        } catch {
          close();
        }
      });
    });
    await new Promise<void>((resolve, reject) => server.once('error', reject).listen(0, LOOPBACK, () => resolve()));
    servers.push(server);
    const address = server.address();
    if (address === null || typeof address === 'string') throw new Error('proxy has no TCP address');
    proxyOf.set(target, `${LOOPBACK}:${address.port}`);
  }

  return {
    controllerAddr: controllerAddrs.map((addr) => proxyOf.get(addr) as string).join(';'),
    cut: () => {
      isCut = true;
      for (const link of [...links]) {
        link.client.destroy();
        link.upstream.destroy();
      }
      links.clear();
    },
    heal: () => {
      isCut = false;
    },
    close: async () => {
      isCut = true;
      for (const link of links) {
        link.client.destroy();
        link.upstream.destroy();
      }
      await Promise.all(servers.map((server) => new Promise<void>((resolve) => server.close(() => resolve()))));
    },
  };
}

/** The frame with its length field again; the leader address of a metadata reply points at our proxy. */
function rewrite(frame: Buffer, proxyOf: ReadonlyMap<string, string>): Buffer {
  const command = decodeFrame(frame);
  const leader = command.extFields?.['controllerLeaderAddress'];
  const proxied = leader === undefined ? undefined : proxyOf.get(leader);
  if (proxied === undefined) {
    const length = Buffer.allocUnsafe(4);
    length.writeUInt32BE(frame.length, 0);
    return Buffer.concat([length, frame]);
  }
  return encodeFrame({ ...command, extFields: { ...command.extFields, controllerLeaderAddress: proxied } });
}

function splitAddr(addr: string): [string, number] {
  const parsed = parseHostPort(addr);
  if (parsed === undefined) throw new Error(`controller address ${addr} is not host:port`);
  return [parsed.host, parsed.port];
}
