// RemotingClient over real TCP: one reused connection per address, typed errors for refused
// connects, timeouts and closed connections, late responses dropped with a debug log, requests
// the server sends to the client answered by the client's handler, and close() leaving no
// sockets or timers behind (checked with process.getActiveResourcesInfo()).
import { afterEach, describe, expect, it } from 'vitest';

import { RecordingLogger } from '@rocketmq-ts/base';
import { createRequest, createResponse, type RemotingCommand } from '@rocketmq-ts/protocol';

import { RemotingClient } from './remoting-client';
import { RemotingConnectError, RemotingConnectionClosedError, RemotingSendError, RemotingTimeoutError } from './remoting-errors';
import type { ConnectionContext } from './remoting-request-handler';
import { EchoHandler } from './testing/echo-handler';
import { startTestServer, type TestServer } from './testing/test-server';
import { deferred, type Deferred, waitFor } from './testing/wait-for';

const ECHO = 100;
const PARK = 101;
const ASK_CLIENT = 102;
const NOTIFY_CONSUMER_IDS_CHANGED = 40;
const TIMEOUT_MS = 5_000;

/** Counts of the handle kinds a server and client own. */
function countHandles(): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const kind of process.getActiveResourcesInfo()) {
    if (kind === 'TCPSocketWrap' || kind === 'TCPServerWrap' || kind === 'Timeout') counts[kind] = (counts[kind] ?? 0) + 1;
  }
  return counts;
}

describe('Remoting > Client', () => {
  let testServer: TestServer | undefined;
  let client: RemotingClient;
  let parked: Deferred<RemotingCommand>[] = [];
  const contexts: ConnectionContext[] = [];

  async function start(clientLogger = new RecordingLogger()): Promise<TestServer> {
    parked = [];
    const started = await startTestServer((table) => {
      table.register(ECHO, new EchoHandler(), 'default');
      table.register(
        PARK,
        {
          handle: (context) => {
            contexts.push(context);
            const reply = deferred<RemotingCommand>();
            parked.push(reply);
            return reply.promise;
          },
        },
        'default',
      );
      table.register(
        ASK_CLIENT,
        {
          handle: async (context, request) => {
            const answer = await context.invoke(
              createRequest(NOTIFY_CONSUMER_IDS_CHANGED, { extFields: { consumerGroup: 'g1' } }),
              TIMEOUT_MS,
            );
            return createResponse(request, 0, { remark: `client said ${answer.remark ?? ''}` });
          },
        },
        'default',
      );
    });
    testServer = started;
    client = new RemotingClient({
      logger: clientLogger,
      timeoutSweepIntervalMs: 10,
      requestHandler: {
        handle: (_context, request) =>
          createResponse(request, 0, { remark: `ids changed for ${request.extFields?.['consumerGroup'] ?? '?'}` }),
      },
    });
    return started;
  }

  afterEach(async () => {
    await client.close();
    await testServer?.server.close({ drainTimeoutMs: 0 });
    testServer = undefined;
    contexts.length = 0;
  });

  it('reuses one connection per address across requests', async () => {
    const server = await start();
    await Promise.all([1, 2, 3].map(() => client.invoke(server.address, createRequest(ECHO), TIMEOUT_MS)));
    await client.invoke(server.address, createRequest(ECHO), TIMEOUT_MS);
    expect(server.server.connectionCount).toBe(1);
  });

  it('rejects with RemotingConnectError when nothing listens', async () => {
    const server = await start();
    const address = server.address;
    await server.server.close({ drainTimeoutMs: 0 });
    const error = await client.invoke(address, createRequest(ECHO), TIMEOUT_MS).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(RemotingConnectError);
    expect((error as RemotingConnectError).retriable).toBe(true);
  });

  it('settles an invoke still connecting when the client closes', async () => {
    const server = await start();
    const connecting = client.invoke(server.address, createRequest(ECHO), TIMEOUT_MS);
    await client.close();
    await expect(connecting).rejects.toBeInstanceOf(RemotingConnectError);
  });

  it('times out with RemotingTimeoutError, then drops the late response with a debug log', async () => {
    const logger = new RecordingLogger();
    const server = await start(logger);
    const request = createRequest(PARK);
    const error = await client.invoke(server.address, request, 50).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(RemotingTimeoutError);
    expect(error).toMatchObject({ code: PARK, opaque: request.opaque, timeoutMs: 50 });

    parked[0]?.resolve(createResponse(request, 0));
    await waitFor(
      () => logger.find((entry) => entry.message.startsWith('response matches no pending request')) !== undefined,
      'the late response to be logged',
    );
    expect(logger.find((entry) => entry.message.startsWith('response matches no pending'))?.fields['opaque']).toBe(request.opaque);
    expect((await client.invoke(server.address, createRequest(ECHO), TIMEOUT_MS)).code).toBe(0);
  });

  it('lets the server invoke the client over the client connection and answers with the client handler', async () => {
    const server = await start();
    const response = await client.invoke(server.address, createRequest(ASK_CLIENT), TIMEOUT_MS);
    expect(response.remark).toBe('client said ids changed for g1');
  });

  it('rejects every pending request at once when the connection closes', async () => {
    const server = await start();
    const pending = [1, 2, 3].map(() => client.invoke(server.address, createRequest(PARK), TIMEOUT_MS).catch((caught: unknown) => caught));
    await waitFor(() => parked.length === 3, 'three parked requests');
    const closedConnections: number[] = [];
    contexts[0]?.onClose((context) => closedConnections.push(context.id));
    await server.server.close({ drainTimeoutMs: 0 });
    // close() resolves after every connection's close handling ran, listeners included.
    const errors = await Promise.all(pending);
    expect(errors.every((error) => error instanceof RemotingConnectionClosedError)).toBe(true);
    expect(closedConnections).toEqual([contexts[0]?.id]);
    expect(contexts[0]?.closed).toBe(true);
    expect(() => contexts[0]?.invokeOneway(createRequest(NOTIFY_CONSUMER_IDS_CHANGED))).toThrow(RemotingSendError);
  });

  it('opens a fresh connection to the same address after the server idle-closed the last one', async () => {
    const server = await startTestServer((table) => table.register(ECHO, new EchoHandler(), 'default'), { idleTimeoutMs: 50 });
    testServer = server;
    client = new RemotingClient();
    await client.invoke(server.address, createRequest(ECHO), TIMEOUT_MS);
    await waitFor(() => server.logger.find((entry) => entry.message === 'closing idle connection') !== undefined, 'the idle close');
    await waitFor(() => server.server.connectionCount === 0, 'the server to forget the connection');
    expect((await client.invoke(server.address, createRequest(ECHO), TIMEOUT_MS)).code).toBe(0);
  });

  it('runs close listeners once and not the ones unregistered', async () => {
    const server = await start();
    const pending = client.invoke(server.address, createRequest(PARK), TIMEOUT_MS).catch((caught: unknown) => caught);
    await waitFor(() => contexts.length === 1, 'a server-side context');
    const context = contexts[0] as ConnectionContext;
    const calls: string[] = [];
    context.onClose(() => calls.push('kept'));
    const unregister = context.onClose(() => calls.push('unregistered'));
    unregister();
    await client.close();
    await waitFor(() => calls.length > 0, 'the close listener');
    expect(await pending).toBeInstanceOf(RemotingConnectionClosedError);
    expect(calls).toEqual(['kept']);
    context.onClose(() => calls.push('late'));
    expect(calls).toEqual(['kept', 'late']);
  });

  it('leaves no sockets, servers or timers behind after close', async () => {
    const before = countHandles();
    const server = await start();
    await client.invoke(server.address, createRequest(ECHO), TIMEOUT_MS);
    await client.invokeOneway(server.address, createRequest(ECHO));
    await client.invoke(server.address, createRequest(PARK), 20).catch(() => undefined);
    parked[0]?.resolve(createResponse(createRequest(PARK), 0));
    await client.close();
    await server.server.close({ drainTimeoutMs: 1_000 });
    testServer = undefined;
    // A closed handle leaves the list on the loop's next close phase, hence the wait. Vitest owns
    // timers of its own that come and go, so for timers the check is "no more than before".
    const settled = (): boolean => {
      const now = countHandles();
      return (
        now['TCPSocketWrap'] === before['TCPSocketWrap'] &&
        now['TCPServerWrap'] === before['TCPServerWrap'] &&
        (now['Timeout'] ?? 0) <= (before['Timeout'] ?? 0)
      );
    };
    await waitFor(settled, `socket and server handles back to ${JSON.stringify(before)}`);
    await expect(client.invoke(server.address, createRequest(ECHO), TIMEOUT_MS)).rejects.toBeInstanceOf(RemotingConnectError);
  });
});
