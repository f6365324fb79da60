import { RecordingLogger } from '@rocketmq-ts/base';

import { HandlerTable } from '../handler-table';
import type { LaneOptions } from '../lane';
import { RemotingServer, type RemotingServerOptions } from '../remoting-server';

export const DEFAULT_TEST_LANES: readonly LaneOptions[] = [
  { name: 'default', maxInFlight: 1_000 },
  { name: 'narrow', maxInFlight: 1, maxQueued: 1 },
];

export interface TestServer {
  readonly server: RemotingServer;
  readonly table: HandlerTable;
  readonly logger: RecordingLogger;
  readonly port: number;
  readonly address: string;
}

/** A server on 127.0.0.1 with an ephemeral port; `register` fills its table before listen. */
export async function startTestServer(
  register: (table: HandlerTable) => void,
  options: Partial<Omit<RemotingServerOptions, 'handlerTable'>> & { lanes?: readonly LaneOptions[] } = {},
): Promise<TestServer> {
  const logger = new RecordingLogger();
  const table = new HandlerTable(options.lanes ?? DEFAULT_TEST_LANES);
  register(table);
  const server = new RemotingServer({ logger, ...options, handlerTable: table });
  const port = await server.listen({ host: '127.0.0.1', port: 0 });
  return { server, table, logger, port, address: `127.0.0.1:${port}` };
}
