// The second listener of RemotingServerModuleOptions.fastServer (RocketMQ's fast port): the same
// processors minus the excluded codes, closed with the main server; a busy port is skipped when
// the option is optional and fails the boot otherwise.
import { createServer, type Server } from 'node:net';

import { Test, type TestingModule } from '@nestjs/testing';
import { afterEach, describe, expect, it } from 'vitest';

import { createRequest, createResponse, type RemotingCommand } from '@rocketmq-ts/protocol';
import { type ConnectionContext, RemotingClient, type RemotingRequestHandler } from '@rocketmq-ts/remoting';

import { RemotingProcessor } from './remoting-processor.decorator';
import type { RemotingServerModuleOptions } from './remoting-server-module-options';
import { RemotingServerModule } from './remoting-server.module';
import { RemotingServerService } from './remoting-server.service';

const SEND = 10;
const PULL = 11;
const NOT_SUPPORTED = 3;

@RemotingProcessor({ codes: [SEND, PULL], lane: 'main' })
class EchoProcessor implements RemotingRequestHandler {
  handle(_context: ConnectionContext, request: RemotingCommand): RemotingCommand {
    return createResponse(request, 0, { remark: `served ${request.code}` });
  }
}

function boot(fastServer: RemotingServerModuleOptions['fastServer']): Promise<TestingModule> {
  return Test.createTestingModule({
    imports: [
      RemotingServerModule.forRootAsync({
        useFactory: () => ({ host: '127.0.0.1', port: 0, lanes: [{ name: 'main', maxInFlight: 8 }], drainTimeoutMs: 500, fastServer }),
      }),
    ],
    providers: [EchoProcessor],
  }).compile();
}

function occupiedPort(): Promise<Server> {
  const server = createServer();
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

describe('NestRemoting > fast server', () => {
  const cleanups: Array<() => Promise<void>> = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  it('serves every code but the excluded ones on its own port', async () => {
    const moduleRef = await boot({ port: 0, excludedCodes: [PULL] });
    await moduleRef.init();
    cleanups.push(() => moduleRef.close());
    const client = new RemotingClient();
    cleanups.push(() => client.close());
    const fastPort = moduleRef.get(RemotingServerService).fastPort;
    expect(fastPort).toBeGreaterThan(0);
    const address = `127.0.0.1:${fastPort}`;
    expect((await client.invoke(address, createRequest(SEND), 2_000)).remark).toBe('served 10');
    expect((await client.invoke(address, createRequest(PULL), 2_000)).code).toBe(NOT_SUPPORTED);
    const main = `127.0.0.1:${moduleRef.get(RemotingServerService).port}`;
    expect((await client.invoke(main, createRequest(PULL), 2_000)).remark).toBe('served 11');
  });

  it('skips a busy optional port and fails the boot on a busy required one', async () => {
    const busy = await occupiedPort();
    cleanups.push(() => new Promise((resolve) => busy.close(() => resolve())));
    const port = (busy.address() as { port: number }).port;
    const optional = await boot({ port, excludedCodes: [], optional: true });
    await optional.init();
    cleanups.push(() => optional.close());
    expect(optional.get(RemotingServerService).fastPort).toBeUndefined();
    const required = await boot({ port, excludedCodes: [] });
    await expect(required.init()).rejects.toThrow(/EADDRINUSE/);
    cleanups.push(() => required.close().catch(() => undefined));
  });
});
