import type * as http2 from 'node:http2';

import type * as grpc from '@grpc/grpc-js';

import { at } from '@rocketmq-ts/base';

/** Node's timers (and grpc-js's `| 0`) hold at most 2^31 − 1 ms, about 24.8 days. */
const MAX_TIMER_MS = 2 ** 31 - 1;
const UNIT_MS: Readonly<Record<string, number>> = { H: 3_600_000, M: 60_000, S: 1000, m: 1, u: 0.001, n: 0.000_001 };
const GRPC_TIMEOUT = 'grpc-timeout';

/** The grpc-timeout header in ms, or undefined when it does not parse (grpc-js then answers it itself). */
export function grpcTimeoutMs(value: string): number | undefined {
  const match = /^(\d{1,8})([HMSmun])$/.exec(value);
  if (match === null) return undefined;
  return Number(match[1]) * (UNIT_MS[at(match, 2, 'grpc-timeout unit group')] ?? 0);
}

/**
 * The Java 5 client opens its Telemetry stream with a deadline one year away (`grpc-timeout:
 * 31535999M`). grpc-js 1.14 turns that into `(ms | 0)`, which overflows 32 bits, and arms a timer
 * that fires at once: the stream ends with DEADLINE_EXCEEDED before the settings handshake and the
 * client fails to start. A deadline beyond what a timer can hold is no deadline in practice, so the
 * header is dropped before grpc-js reads it: our listener runs first on each HTTP/2 server of the
 * gRPC server and edits the headers object that grpc-js's listener then receives.
 * (docs/grpc-and-pop.md#grpc-endpoint)
 */
export function dropFarDeadlines(server: grpc.Server): void {
  // grpc-js keeps its HTTP/2 servers in a private map; there is no public hook before the deadline is armed.
  const servers = (server as unknown as { http2Servers?: Map<http2.Http2Server, unknown> }).http2Servers;
  if (servers === undefined) throw new Error('grpc-js no longer exposes http2Servers: recheck the far-deadline workaround');
  for (const http2Server of servers.keys()) {
    http2Server.prependListener('stream', (_stream: http2.ServerHttp2Stream, headers: http2.IncomingHttpHeaders) => {
      const value = headers[GRPC_TIMEOUT];
      if (typeof value !== 'string') return;
      const ms = grpcTimeoutMs(value);
      if (ms !== undefined && ms > MAX_TIMER_MS) delete headers[GRPC_TIMEOUT];
    });
  }
}
