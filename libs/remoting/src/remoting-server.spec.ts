// The dispatch loop over real TCP on 127.0.0.1: framing across arbitrary chunk boundaries, reply
// correlation under out-of-order completion, one-way silence, the three error outcomes, lane
// admission, and that a parked long-poll never holds up its connection. Waits are event-based.
import { afterEach, describe, expect, it } from 'vitest';

import { createMetricsRegistry, createRemotingMetricsHook, METRIC_CATALOGUE } from '@rocketmq-ts/observability';
import { createRequest, createResponse, encodeFrame, ProtocolError, type RemotingCommand, ResponseCode } from '@rocketmq-ts/protocol';

import { RemotingClient } from './remoting-client';
import type { ConnectionContext, RemotingRequestHandler } from './remoting-request-handler';
import type { RemotingRequestHook } from './request-hook';
import { EchoHandler } from './testing/echo-handler';
import { RawPeer } from './testing/raw-peer';
import { startTestServer, type TestServer } from './testing/test-server';
import { deferred, type Deferred, waitFor } from './testing/wait-for';

const ECHO = 100;
const PARK = 101;
const NARROW = 102;
const THROW = 103;
const REJECT_ASYNC = 104;
const BAD_HEADER = 105;
const TIMEOUT_MS = 5_000;

/** Parks every request until the spec releases it; releases in any order. */
class ParkingHandler implements RemotingRequestHandler {
  readonly parked: { request: RemotingCommand; reply: Deferred<RemotingCommand> }[] = [];

  handle(_context: ConnectionContext, request: RemotingCommand): Promise<RemotingCommand> {
    const reply = deferred<RemotingCommand>();
    this.parked.push({ request, reply });
    return reply.promise;
  }

  releaseAt(index: number): void {
    const parked = this.parked[index];
    if (!parked) throw new Error(`no parked request at ${index}`);
    parked.reply.resolve(createResponse(parked.request, 0, { extFields: parked.request.extFields }));
  }
}

describe('Remoting > Server > dispatch', () => {
  let testServer: TestServer;
  let client: RemotingClient;
  const peers: RawPeer[] = [];
  const echo = new EchoHandler();
  let parking: ParkingHandler;
  let narrow: ParkingHandler;

  async function start(hooks?: RemotingRequestHook[]): Promise<void> {
    parking = new ParkingHandler();
    narrow = new ParkingHandler();
    testServer = await startTestServer(
      (table) => {
        table.register(ECHO, echo, 'default');
        table.register(PARK, parking, 'default');
        table.register(NARROW, narrow, 'narrow');
        table.register(
          THROW,
          {
            handle: () => {
              throw new Error('boom');
            },
          },
          'default',
        );
        table.register(REJECT_ASYNC, { handle: () => Promise.reject(new TypeError('async boom')) }, 'default');
        table.register(
          BAD_HEADER,
          {
            handle: () => {
              throw new ProtocolError('header field brokerName is missing');
            },
          },
          'default',
        );
      },
      { hooks },
    );
    client = new RemotingClient();
  }

  async function rawPeer(): Promise<RawPeer> {
    const peer = await RawPeer.connect(testServer.port);
    peers.push(peer);
    return peer;
  }

  afterEach(async () => {
    for (const peer of peers.splice(0)) peer.destroy();
    await client.close();
    await testServer.server.close({ drainTimeoutMs: 0 });
  });

  it('decodes a frame written one byte per TCP write', async () => {
    await start();
    const peer = await rawPeer();
    const request = createRequest(ECHO, { extFields: { topic: 'TopicTest' }, body: Buffer.from('hello') });
    request.opaque = 77;
    await peer.sendByteByByte(encodeFrame(request));
    const [response] = await peer.waitForResponses(1);
    expect(response).toMatchObject({ code: 0, opaque: 77, flag: 1, extFields: { topic: 'TopicTest' } });
    expect(response?.body?.toString()).toBe('hello');
  });

  it('decodes frames coalesced into one chunk and split mid-header across the next', async () => {
    await start();
    const peer = await rawPeer();
    const frames = [1, 2, 3].map((opaque) => {
      const request = createRequest(ECHO, { extFields: { n: String(opaque) } });
      request.opaque = opaque;
      return encodeFrame(request);
    });
    const bytes = Buffer.concat(frames);
    // Cut inside the second frame's header, then inside the third frame's length field.
    const cuts = [(frames[0]?.length ?? 0) + 10, bytes.length - (frames[2]?.length ?? 0) + 2];
    for (const [from, to] of [
      [0, cuts[0]],
      [cuts[0], cuts[1]],
      [cuts[1], bytes.length],
    ] as const) {
      await new Promise<void>((resolve) => peer.socket.write(bytes.subarray(from, to), () => resolve()));
    }
    const responses = await peer.waitForResponses(3);
    expect(responses.map((response) => response.extFields?.['n'])).toEqual(['1', '2', '3']);
  });

  it('correlates many concurrent requests answered in reverse order', async () => {
    await start();
    const count = 40;
    const responses = Array.from({ length: count }, (_, index) =>
      client.invoke(testServer.address, createRequest(PARK, { extFields: { index: String(index) } }), TIMEOUT_MS),
    );
    await waitFor(() => parking.parked.length === count, `${count} parked requests`);
    for (let index = count - 1; index >= 0; index--) parking.releaseAt(index);
    const answered = await Promise.all(responses);
    expect(answered.map((response) => response.extFields?.['index'])).toEqual(Array.from({ length: count }, (_, index) => String(index)));
  });

  it('answers a request while a long-poll on the same connection is still parked', async () => {
    await start();
    const parkedPull = client.invoke(testServer.address, createRequest(PARK), TIMEOUT_MS);
    await waitFor(() => parking.parked.length === 1, 'the long-poll to park');
    const echoed = await client.invoke(testServer.address, createRequest(ECHO, { extFields: { k: 'v' } }), TIMEOUT_MS);
    expect(echoed.extFields).toEqual({ k: 'v' });
    expect(testServer.server.connectionCount).toBe(1);
    parking.releaseAt(0);
    expect((await parkedPull).code).toBe(0);
  });

  it('never answers a one-way request (flag 0x2) but answers the same call sent with flag 0', async () => {
    await start();
    const peer = await rawPeer();
    const oneway = createRequest(ECHO, { oneway: true });
    oneway.opaque = 1;
    const flagZero = createRequest(ECHO);
    flagZero.opaque = 2;
    // Outcomes that would otherwise produce an error reply stay silent too when one-way.
    const onewayUnknown = createRequest(9_999, { oneway: true });
    onewayUnknown.opaque = 3;
    const onewayThrowing = createRequest(THROW, { oneway: true });
    onewayThrowing.opaque = 4;
    const callsBefore = echo.calls;
    peer.send(oneway);
    peer.send(onewayUnknown);
    peer.send(onewayThrowing);
    peer.send(flagZero);
    const responses = await peer.waitForResponses(1);
    expect(echo.calls - callsBefore).toBe(2);
    expect(responses.map((response) => response.opaque)).toEqual([2]);
  });

  it('answers an unknown code with REQUEST_CODE_NOT_SUPPORTED', async () => {
    await start();
    const response = await client.invoke(testServer.address, createRequest(9_999), TIMEOUT_MS);
    expect(response.code).toBe(ResponseCode.REQUEST_CODE_NOT_SUPPORTED);
    expect(response.remark).toBe(' request type 9999 not supported');
  });

  it('answers SYSTEM_ERROR when a handler throws or rejects, and logs code and opaque', async () => {
    await start();
    const thrown = await client.invoke(testServer.address, createRequest(THROW), TIMEOUT_MS);
    const rejected = await client.invoke(testServer.address, createRequest(REJECT_ASYNC), TIMEOUT_MS);
    expect([thrown.code, rejected.code]).toEqual([ResponseCode.SYSTEM_ERROR, ResponseCode.SYSTEM_ERROR]);
    expect(thrown.remark).toBe('Error: boom');
    expect(rejected.remark).toBe('TypeError: async boom');
    const logged = testServer.logger.find((entry) => entry.message === 'request handler failed' && entry.fields['code'] === THROW);
    expect(logged?.fields['opaque']).toBe(thrown.opaque);
  });

  it("answers a peer's malformed header with SYSTEM_ERROR naming the field, without an error-level log", async () => {
    await start();
    const response = await client.invoke(testServer.address, createRequest(BAD_HEADER), TIMEOUT_MS);
    expect(response.code).toBe(ResponseCode.SYSTEM_ERROR);
    expect(response.remark).toContain('brokerName is missing');
    const rejected = testServer.logger.find((entry) => entry.message === 'request rejected: malformed header or body');
    expect(rejected?.level).toBe('debug');
    expect(testServer.logger.find((entry) => entry.level === 'error' && entry.fields['code'] === BAD_HEADER)).toBeUndefined();
  });

  it('queues past maxInFlight, answers SYSTEM_BUSY [OVERLOAD] past maxQueued, then runs the queued one', async () => {
    await start();
    const first = client.invoke(testServer.address, createRequest(NARROW, { extFields: { n: '1' } }), TIMEOUT_MS);
    await waitFor(() => narrow.parked.length === 1, 'the first request to occupy the lane');
    const queued = client.invoke(testServer.address, createRequest(NARROW, { extFields: { n: '2' } }), TIMEOUT_MS);
    const refused = await client.invoke(testServer.address, createRequest(NARROW, { extFields: { n: '3' } }), TIMEOUT_MS);
    expect(refused.code).toBe(ResponseCode.SYSTEM_BUSY);
    expect(refused.remark).toMatch(/^\[OVERLOAD\]lane narrow is full/);
    expect(narrow.parked).toHaveLength(1);
    narrow.releaseAt(0);
    expect((await first).extFields).toEqual({ n: '1' });
    await waitFor(() => narrow.parked.length === 2, 'the queued request to get the freed slot');
    narrow.releaseAt(1);
    expect((await queued).extFields).toEqual({ n: '2' });
  });

  it('answers SYSTEM_BUSY [REJECTREQUEST] when the handler asks for flow control', async () => {
    testServer = await startTestServer((table) => {
      table.register(
        ECHO,
        {
          handle: () => {
            throw new Error('must not run');
          },
          rejectRequest: () => true,
        },
        'default',
      );
    });
    client = new RemotingClient();
    const response = await client.invoke(testServer.address, createRequest(ECHO), TIMEOUT_MS);
    expect(response.code).toBe(ResponseCode.SYSTEM_BUSY);
    expect(response.remark).toMatch(/^\[REJECTREQUEST\]/);
  });

  it('runs hooks before the handler and after the reply with code, response code and duration', async () => {
    const seen: string[] = [];
    const durationsMs: number[] = [];
    await start([
      { beforeRequest: (_context, request) => seen.push(`before ${request.code}`) },
      {
        afterResponse: (request, response, durationMs) => {
          seen.push(`after ${request.code} -> ${response?.code ?? 'none'}`);
          durationsMs.push(durationMs);
        },
      },
    ]);
    await client.invoke(testServer.address, createRequest(ECHO), TIMEOUT_MS);
    await client.invoke(testServer.address, createRequest(9_999), TIMEOUT_MS);
    await client.invokeOneway(testServer.address, createRequest(ECHO));
    await waitFor(() => seen.length === 5, 'hooks of the one-way request');
    expect(seen).toEqual(['before 100', 'after 100 -> 0', 'after 9999 -> 3', 'before 100', 'after 100 -> none']);
    expect(durationsMs.every((durationMs) => durationMs >= 0)).toBe(true);
  });

  it('feeds the observability request metrics hook as the namesrv wires it', async () => {
    const { registry, metrics } = createMetricsRegistry(
      { requestsTotal: METRIC_CATALOGUE.remotingRequestsTotal, latency: METRIC_CATALOGUE.remotingRequestLatencyMilliseconds },
      { collectDefaultMetrics: false },
    );
    await start([createRemotingMetricsHook({ requestsTotal: metrics.requestsTotal, requestLatencyMilliseconds: metrics.latency })]);
    await client.invoke(testServer.address, createRequest(ECHO), TIMEOUT_MS);
    await client.invoke(testServer.address, createRequest(9_999), TIMEOUT_MS);
    const text = await registry.metrics();
    expect(text).toContain('rocketmq_remoting_requests_total{code="100",response_code="0"} 1');
    expect(text).toContain('rocketmq_remoting_requests_total{code="9999",response_code="3"} 1');
    expect(text).toContain('rocketmq_remoting_request_latency_milliseconds_count{code="100"} 1');
  });

  it('answers SYSTEM_BUSY [OVERLOAD] past maxActiveRequestsPerConnection without touching other connections', async () => {
    const parkingHandler = new ParkingHandler();
    testServer = await startTestServer((table) => table.register(PARK, parkingHandler, 'default'), { maxActiveRequestsPerConnection: 2 });
    client = new RemotingClient();
    const first = await rawPeer();
    for (const opaque of [1, 2, 3]) {
      const request = createRequest(PARK);
      request.opaque = opaque;
      first.send(request);
    }
    const [refused] = await first.waitForResponses(1);
    expect(refused).toMatchObject({ opaque: 3, code: ResponseCode.SYSTEM_BUSY });
    expect(refused?.remark).toMatch(/^\[OVERLOAD\]connection has 2 requests in flight/);
    const other = client.invoke(testServer.address, createRequest(PARK), TIMEOUT_MS);
    await waitFor(() => parkingHandler.parked.length === 3, 'the other connection to be admitted');
    for (let index = 0; index < 3; index++) parkingHandler.releaseAt(index);
    expect((await other).code).toBe(0);
  });
});
