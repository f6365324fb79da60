// The dispatcher's `admit` hooks (how ACL refuses) over real TCP: a refusal is sent instead of
// running the handler and takes no lane slot; a hook that throws refuses (fail closed); an unknown
// code is answered REQUEST_CODE_NOT_SUPPORTED before any hook sees it; afterResponse hears refusals.
import { afterEach, describe, expect, it } from 'vitest';

import { createRequest, createResponse, type RemotingCommand, ResponseCode } from '@rocketmq-ts/protocol';

import { RemotingClient } from './remoting-client';
import type { RemotingRequestHook } from './request-hook';
import { EchoHandler } from './testing/echo-handler';
import { startTestServer, type TestServer } from './testing/test-server';

const ECHO = 100;
const NARROW = 102;

describe('Remoting > Server > admission hooks', () => {
  let testServer: TestServer;
  let client: RemotingClient;
  const echo = new EchoHandler();

  async function start(hooks: RemotingRequestHook[]): Promise<void> {
    testServer = await startTestServer(
      (table) => {
        table.register(ECHO, echo, 'default');
        // One slot, one queued: a refused flood must not fill it.
        table.register(NARROW, { handle: () => new Promise<RemotingCommand | undefined>(() => undefined) }, 'narrow');
      },
      { hooks },
    );
    client = new RemotingClient();
  }

  afterEach(async () => {
    await client.close();
    await testServer.server.close({ drainTimeoutMs: 0 });
  });

  const call = (code: number, extFields: Record<string, string> = {}) =>
    client.invoke(testServer.address, createRequest(code, { extFields }), 3000);

  it('sends the refusal instead of the handler and keeps lane slots free', async () => {
    const answered: Array<number | undefined> = [];
    await start([
      {
        admit: (_context, request) =>
          request.extFields?.['who'] === 'friend'
            ? undefined
            : createResponse(request, ResponseCode.NO_PERMISSION, { remark: 'not a friend' }),
        afterResponse: (_request, response) => void answered.push(response?.code),
      },
    ]);
    const calls = echo.calls;
    const refused = await call(ECHO, { who: 'stranger' });
    expect(refused).toMatchObject({ code: ResponseCode.NO_PERMISSION, remark: 'not a friend' });
    expect(echo.calls).toBe(calls);
    expect((await call(ECHO, { who: 'friend' })).code).toBe(ResponseCode.SUCCESS);
    // 50 refused requests to a lane of one slot and one queue place: all answered, none SYSTEM_BUSY.
    const flood = await Promise.all(Array.from({ length: 50 }, () => call(NARROW, { who: 'stranger' })));
    expect(new Set(flood.map((response) => response.code))).toEqual(new Set([ResponseCode.NO_PERMISSION]));
    expect(answered.filter((code) => code === ResponseCode.NO_PERMISSION)).toHaveLength(51);
  });

  it('refuses with SYSTEM_ERROR when a hook throws, and never runs the handler', async () => {
    await start([
      {
        admit: () => {
          throw new Error('policy store unreadable');
        },
      },
    ]);
    const calls = echo.calls;
    const response = await call(ECHO);
    expect(response.code).toBe(ResponseCode.SYSTEM_ERROR);
    expect(response.remark).toBe('request refused: admission check failed: Error: policy store unreadable');
    expect(echo.calls).toBe(calls);
  });

  it('answers an unknown code before asking the hooks', async () => {
    let asked = 0;
    await start([
      {
        admit: () => {
          asked++;
          return undefined;
        },
      },
    ]);
    expect((await call(999)).code).toBe(ResponseCode.REQUEST_CODE_NOT_SUPPORTED);
    expect(asked).toBe(0);
  });
});
