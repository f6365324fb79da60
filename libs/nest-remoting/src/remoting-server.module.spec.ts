// The Nest bridge end to end: decorated providers are discovered at bootstrap and answer real TCP
// requests through the plain remoting server; the frozen table is readable for snapshot tests; a
// code claimed twice fails the boot naming both classes; shutdown closes the listener; open
// connections are counted from accept to close, and hooks are handed the running server.
import { connect, type Socket } from 'node:net';

import { Injectable } from '@nestjs/common';
import { Test, type TestingModule } from '@nestjs/testing';
import { afterEach, describe, expect, it } from 'vitest';

import { createRequest, createResponse, type RemotingCommand } from '@rocketmq-ts/protocol';
import { type ConnectionContext, RemotingClient, RemotingConnectError, type RemotingRequestHandler } from '@rocketmq-ts/remoting';

import { RemotingProcessor } from './remoting-processor.decorator';
import type { RemotingServerHook, RemotingServerView } from './remoting-server-module-options';
import { RemotingServerModule } from './remoting-server.module';
import { RemotingServerService } from './remoting-server.service';

const SEND_MESSAGE = 10;
const SEND_MESSAGE_V2 = 310;
const HEART_BEAT = 34;

/** A plain dependency, to show processors get constructor injection like any provider. */
@Injectable()
class Greeting {
  readonly text = 'hello';
}

@RemotingProcessor({ codes: [SEND_MESSAGE, SEND_MESSAGE_V2], lane: 'send' })
class SendMessageProcessor implements RemotingRequestHandler {
  constructor(private readonly greeting: Greeting) {}

  handle(_context: ConnectionContext, request: RemotingCommand): RemotingCommand {
    return createResponse(request, 0, { remark: `${this.greeting.text} from send ${request.code}` });
  }
}

@RemotingProcessor({ codes: [HEART_BEAT], lane: 'heartbeat' })
class HeartbeatProcessor implements RemotingRequestHandler {
  handle(context: ConnectionContext, request: RemotingCommand): Promise<RemotingCommand> {
    return Promise.resolve(createResponse(request, 0, { extFields: { seenFrom: context.remoteAddress.split(':')[0] ?? '' } }));
  }
}

@RemotingProcessor({ codes: [HEART_BEAT], lane: 'heartbeat' })
class SecondHeartbeatProcessor extends HeartbeatProcessor {}

/** Polls `condition` every 10 ms until true; fails naming `reason` after 5 s. */
async function until(condition: () => boolean, reason: string): Promise<void> {
  const deadline = Date.now() + 5_000;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting until ${reason}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

const lanes = [
  { name: 'send', maxInFlight: 64 },
  { name: 'heartbeat', maxInFlight: 8 },
];

function testingModule(
  processors: (new (...args: never[]) => unknown)[],
  hooks: readonly RemotingServerHook[] = [],
): Promise<TestingModule> {
  return Test.createTestingModule({
    imports: [
      RemotingServerModule.forRootAsync({ useFactory: () => ({ host: '127.0.0.1', port: 0, lanes, drainTimeoutMs: 1_000, hooks }) }),
    ],
    providers: [Greeting, ...processors],
  }).compile();
}

describe('NestRemoting > RemotingServerModule', () => {
  let moduleRef: TestingModule | undefined;
  const client = new RemotingClient();

  afterEach(async () => {
    await moduleRef?.close();
    moduleRef = undefined;
    await client.close();
  });

  it('registers decorated processors and answers real TCP requests', async () => {
    moduleRef = await testingModule([SendMessageProcessor, HeartbeatProcessor]);
    await moduleRef.init();
    const service = moduleRef.get(RemotingServerService);
    const address = `127.0.0.1:${service.port}`;

    const sent = await client.invoke(address, createRequest(SEND_MESSAGE_V2), 5_000);
    const heartbeat = await client.invoke(address, createRequest(HEART_BEAT), 5_000);

    expect(sent.remark).toBe('hello from send 310');
    expect(heartbeat.extFields).toEqual({ seenFrom: '127.0.0.1' });
    expect(service.handlerTableRows()).toEqual(
      [
        { code: SEND_MESSAGE, handler: 'SendMessageProcessor', lane: 'send' },
        { code: HEART_BEAT, handler: 'HeartbeatProcessor', lane: 'heartbeat' },
        { code: SEND_MESSAGE_V2, handler: 'SendMessageProcessor', lane: 'send' },
      ].sort((a, b) => a.code - b.code),
    );
  });

  it('fails the boot when two classes claim one code, naming both', async () => {
    const failing = await testingModule([HeartbeatProcessor, SecondHeartbeatProcessor]);
    // Not kept in moduleRef: Nest's close() re-awaits the failed initialisation and would throw again.
    await expect(failing.init()).rejects.toThrow(
      'request code 34 is claimed by two @RemotingProcessor classes: HeartbeatProcessor and SecondHeartbeatProcessor',
    );
  });

  it('stops listening when the application shuts down', async () => {
    moduleRef = await testingModule([SendMessageProcessor]);
    await moduleRef.init();
    const address = `127.0.0.1:${moduleRef.get(RemotingServerService).port}`;
    await moduleRef.close();
    moduleRef = undefined;
    await expect(client.invoke(address, createRequest(SEND_MESSAGE), 5_000)).rejects.toBeInstanceOf(RemotingConnectError);
  });

  it('counts open connections from accept to close, silent ones included, and hands hooks the running server', async () => {
    let seen: RemotingServerView | undefined;
    moduleRef = await testingModule([SendMessageProcessor], [{ serverListening: (server) => (seen = server) }]);
    const service = moduleRef.get(RemotingServerService);
    expect(service.connectionCount).toBe(0);
    await moduleRef.init();
    expect(seen).toBe(service);

    const silent: Socket = connect(service.port, '127.0.0.1');
    const talking = new RemotingClient();
    try {
      await until(() => service.connectionCount === 1, 'a socket that sent nothing is counted');
      await talking.invoke(`127.0.0.1:${service.port}`, createRequest(SEND_MESSAGE), 5_000);
      expect(service.connectionCount).toBe(2);
      silent.destroy();
      await until(() => service.connectionCount === 1, 'a closed socket is no longer counted');
    } finally {
      silent.destroy();
      await talking.close();
    }
  });
});
