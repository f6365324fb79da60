import { createServer, type Server, type Socket } from 'node:net';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { createRequest, createResponse, decodeFrame, encodeFrame, FrameSplitter } from '@rocketmq-ts/protocol';

import { LOOPBACK } from './ports';
import { remotingRequest, TestRemotingConnection } from './remoting-request';

/** A tiny fake server: answers code 106 with a body, sends a server request first, ignores code 999. */
let server: Server;
let port = 0;
const sockets: Socket[] = [];

beforeAll(async () => {
  server = createServer((socket) => {
    sockets.push(socket);
    const splitter = new FrameSplitter();
    socket.on('data', (chunk: Buffer) => {
      for (const frame of splitter.push(chunk)) {
        const request = decodeFrame(Buffer.from(frame));
        if (request.code === 999) continue;
        socket.write(encodeFrame({ ...createRequest(40, { extFields: { consumerGroup: 'g' } }), opaque: 77 }));
        socket.write(
          encodeFrame(
            createResponse(request, 0, {
              body: Buffer.from(`{"echo":${request.code}}`),
              extFields: { seen: request.extFields?.['topic'] ?? '' },
            }),
          ),
        );
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, LOOPBACK, () => resolve()));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('no address');
  port = address.port;
});

afterAll(async () => {
  for (const socket of sockets) socket.destroy();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

describe('Testing > TestRemotingConnection', () => {
  it('matches a response to its request by opaque', async () => {
    const response = await remotingRequest(port, createRequest(106, { extFields: { topic: 'T' } }));
    expect(response.code).toBe(0);
    expect(response.extFields).toEqual({ seen: 'T' });
    expect(response.body?.toString()).toBe('{"echo":106}');
  });

  it('records requests the server sends and keeps the connection for several requests', async () => {
    const connection = await TestRemotingConnection.open(port);
    try {
      const first = await connection.request(createRequest(105));
      const second = await connection.request(createRequest(206));
      expect(first.body?.toString()).toBe('{"echo":105}');
      expect(second.body?.toString()).toBe('{"echo":206}');
      expect(first.opaque).not.toBe(second.opaque);
      expect(connection.serverRequests.map((request) => request.code)).toEqual([40, 40]);
    } finally {
      await connection.close();
    }
    expect(connection.closed).toBe(true);
  });

  it('times out a request the server never answers', async () => {
    await expect(remotingRequest(port, createRequest(999), { timeoutMs: 100 })).rejects.toThrow(/no response to request code 999/);
  });

  it('fails to connect to a closed port', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, LOOPBACK, () => resolve()));
    const address = closed.address();
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    if (address === null || typeof address === 'string') throw new Error('no address');
    await expect(TestRemotingConnection.open(address.port)).rejects.toThrow(/ECONNREFUSED/);
  });
});
