// Server shutdown: close() stops accepting, answers new requests SYSTEM_BUSY while admitted ones
// (a parked long-poll) finish within the drain timeout, and destroys what is left after it.
import { afterEach, describe, expect, it } from 'vitest';

import { createRequest, createResponse, type RemotingCommand, ResponseCode } from '@rocketmq-ts/protocol';

import { HandlerTable } from './handler-table';
import { RemotingClient } from './remoting-client';
import { RemotingConnectionClosedError } from './remoting-errors';
import { RemotingServer } from './remoting-server';
import { EchoHandler } from './testing/echo-handler';
import { startTestServer, type TestServer } from './testing/test-server';
import { deferred, type Deferred, waitFor } from './testing/wait-for';

const ECHO = 100;
const PARK = 101;
const TIMEOUT_MS = 5_000;

describe('Remoting > Server > lifecycle', () => {
  let testServer: TestServer;
  let client: RemotingClient;
  let parked: { request: RemotingCommand; reply: Deferred<RemotingCommand> }[];

  async function start(): Promise<void> {
    parked = [];
    testServer = await startTestServer((table) => {
      table.register(ECHO, new EchoHandler(), 'default');
      table.register(
        PARK,
        {
          handle: (_context, request) => {
            const reply = deferred<RemotingCommand>();
            parked.push({ request, reply });
            return reply.promise;
          },
        },
        'default',
      );
    });
    client = new RemotingClient();
  }

  afterEach(async () => {
    await client.close();
    await testServer.server.close({ drainTimeoutMs: 0 });
  });

  it('drains a parked request and answers requests arriving meanwhile with SYSTEM_BUSY', async () => {
    await start();
    const longPoll = client.invoke(testServer.address, createRequest(PARK), TIMEOUT_MS);
    await waitFor(() => parked.length === 1, 'the long-poll to park');

    const closed = testServer.server.close({ drainTimeoutMs: TIMEOUT_MS });
    const during = await client.invoke(testServer.address, createRequest(ECHO), TIMEOUT_MS);
    expect(during.code).toBe(ResponseCode.SYSTEM_BUSY);
    expect(during.remark).toMatch(/^\[REJECTREQUEST\]server is shutting down/);

    const first = parked[0] as (typeof parked)[number];
    first.reply.resolve(createResponse(first.request, 0, { remark: 'FOUND' }));
    expect((await longPoll).remark).toBe('FOUND');
    await closed;
    expect(testServer.server.connectionCount).toBe(0);
  });

  it('destroys connections whose requests outlive the drain timeout', async () => {
    await start();
    const longPoll = client.invoke(testServer.address, createRequest(PARK), TIMEOUT_MS).catch((caught: unknown) => caught);
    await waitFor(() => parked.length === 1, 'the long-poll to park');
    await testServer.server.close({ drainTimeoutMs: 20 });
    expect(await longPoll).toBeInstanceOf(RemotingConnectionClosedError);
    expect(testServer.logger.find((entry) => entry.message.startsWith('drain timed out'))?.fields['activeRequests']).toBe(1);
  });

  it('rejects listen on a port already bound', async () => {
    await start();
    const clashing = new RemotingServer({ handlerTable: new HandlerTable([]) });
    const error = await clashing.listen({ host: '127.0.0.1', port: testServer.port }).catch((caught: unknown) => caught);
    expect((error as NodeJS.ErrnoException).code).toBe('EADDRINUSE');
    await clashing.close({ drainTimeoutMs: 0 });
  });
});
