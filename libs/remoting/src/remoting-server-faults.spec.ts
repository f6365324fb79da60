// Faults on one connection stay on that connection: malformed headers, lengths past the frame
// limit and random garbage each close only the offending socket, with the remote address and
// reason logged, while a well-behaved client on the same server keeps getting answers. Also:
// idle connections are closed (but not while a request is parked), and a peer that stops reading
// its replies is cut off instead of buffering without bound.
import { afterEach, describe, expect, it } from 'vitest';

import { createRequest, createResponse, encodeFrame, type RemotingCommand } from '@rocketmq-ts/protocol';

import { RemotingClient } from './remoting-client';
import { EchoHandler } from './testing/echo-handler';
import { RawPeer } from './testing/raw-peer';
import { startTestServer, type TestServer } from './testing/test-server';
import { deferred, waitFor } from './testing/wait-for';

const ECHO = 100;
const PARK = 101;
const BIG = 102;
const TIMEOUT_MS = 5_000;

function lengthPrefixed(payload: Buffer): Buffer {
  const frame = Buffer.allocUnsafe(4 + payload.length);
  frame.writeUInt32BE(payload.length, 0);
  payload.copy(frame, 4);
  return frame;
}

function headerWordFrame(headerWord: number, header: Buffer): Buffer {
  const word = Buffer.allocUnsafe(4);
  word.writeUInt32BE(headerWord >>> 0, 0);
  return lengthPrefixed(Buffer.concat([word, header]));
}

const MALFORMED_INPUTS: readonly { name: string; bytes: Buffer; reason: RegExp }[] = [
  { name: 'a JSON header that is not JSON', bytes: headerWordFrame(5, Buffer.from('{nope')), reason: /not valid JSON/ },
  { name: 'a header length past the frame end', bytes: headerWordFrame(1_000, Buffer.from('{}')), reason: /header length 1000 exceeds/ },
  { name: 'an unknown serialize type', bytes: headerWordFrame((7 << 24) | 2, Buffer.from('{}')), reason: /unknown serialize type 7/ },
  { name: 'a length field past the 16 MiB frame limit', bytes: Buffer.from([0x7f, 0xff, 0xff, 0xff, 0, 0, 0, 0]), reason: /outside \[4, / },
  { name: 'a TLS ClientHello (garbage to us)', bytes: Buffer.from('16030100f4010000f00303', 'hex'), reason: /frame length/ },
  { name: 'an HTTP request (garbage)', bytes: Buffer.from('GET / HTTP/1.1\r\nHost: x\r\n\r\n'), reason: /frame length/ },
];

describe('Remoting > Server > faults', () => {
  let testServer: TestServer;
  let client: RemotingClient;
  const peers: RawPeer[] = [];

  afterEach(async () => {
    for (const peer of peers.splice(0)) peer.destroy();
    await client.close();
    await testServer.server.close({ drainTimeoutMs: 0 });
  });

  async function rawPeer(): Promise<RawPeer> {
    const peer = await RawPeer.connect(testServer.port);
    peers.push(peer);
    return peer;
  }

  for (const input of MALFORMED_INPUTS) {
    it(`closes only the connection that sent ${input.name}, logging address and reason`, async () => {
      testServer = await startTestServer((table) => table.register(ECHO, new EchoHandler(), 'default'));
      client = new RemotingClient();
      expect((await client.invoke(testServer.address, createRequest(ECHO), TIMEOUT_MS)).code).toBe(0);
      const offender = await rawPeer();
      const offenderPort = offender.socket.localPort;

      offender.socket.write(input.bytes);
      await offender.waitForClose();

      const logged = testServer.logger.find((entry) => entry.message === 'malformed frame; closing connection');
      expect(logged?.fields['remoteAddress']).toBe(`127.0.0.1:${offenderPort}`);
      expect(String(logged?.fields['reason'])).toMatch(input.reason);
      expect((await client.invoke(testServer.address, createRequest(ECHO), TIMEOUT_MS)).code).toBe(0);
      expect(testServer.server.connectionCount).toBe(1);
    });
  }

  it('closes a connection idle past idleTimeoutMs, but not one with a parked request', async () => {
    const release = deferred<RemotingCommand>();
    testServer = await startTestServer(
      (table) => {
        table.register(ECHO, new EchoHandler(), 'default');
        table.register(PARK, { handle: () => release.promise }, 'default');
      },
      { idleTimeoutMs: 100 },
    );
    client = new RemotingClient();
    const idlePeer = await rawPeer();
    const parkedPeer = await rawPeer();
    const parkedRequest = createRequest(PARK);
    parkedRequest.opaque = 5;
    parkedPeer.send(parkedRequest);

    await idlePeer.waitForClose();
    expect(testServer.logger.find((entry) => entry.message === 'closing idle connection')).toBeDefined();
    // The idle peer closed after at least one idle period; the parked one has seen several and is still open.
    expect(parkedPeer.closed).toBe(false);
    release.resolve(createResponse(parkedRequest, 0));
    const [answer] = await parkedPeer.waitForResponses(1);
    expect(answer?.opaque).toBe(5);
    await parkedPeer.waitForClose();
  });

  it('destroys a connection whose peer stops reading once unsent replies pass writeLimitBytes', async () => {
    // One shared 1 MiB body: the server writes references to it, so the spec allocates it once.
    const body = Buffer.alloc(1024 * 1024, 7);
    testServer = await startTestServer(
      (table) => table.register(BIG, { handle: (_context, request) => createResponse(request, 0, { body }) }, 'default'),
      { writePauseBytes: 256 * 1024, writeLimitBytes: 2 * 1024 * 1024 },
    );
    client = new RemotingClient();
    const sluggish = await rawPeer();
    sluggish.socket.pause();
    const requests: Buffer[] = [];
    for (let index = 0; index < 64; index++) {
      const request = createRequest(BIG);
      request.opaque = index + 1;
      requests.push(encodeFrame(request));
    }
    sluggish.socket.write(Buffer.concat(requests));

    await waitFor(
      () => testServer.logger.find((entry) => entry.message === 'peer is not reading its responses; closing connection') !== undefined,
      'the backlog limit to trip',
    );
    await waitFor(() => testServer.server.connectionCount === 0, 'the sluggish connection to be dropped');
  });
});
