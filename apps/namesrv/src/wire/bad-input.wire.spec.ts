import { connect } from 'node:net';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { createRequest, RequestCode, ResponseCode } from '@rocketmq-ts/protocol';
import type { RemotingClient } from '@rocketmq-ts/remoting';

import { MASTER_A, registerRequest, topicConfig } from '../testing/fake-broker';
import { type InProcessNamesrv, newClient, startInProcessNamesrv } from '../testing/in-process-namesrv';

const TIMEOUT_MS = 5000;

/** Opens a raw socket, writes `bytes`, and resolves with how the server reacted. */
function sendRaw(port: number, bytes: Buffer): Promise<{ closedByServer: boolean; bytesReceived: number }> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host: '127.0.0.1', port });
    let bytesReceived = 0;
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new Error('server kept a connection open after bad input'));
    }, TIMEOUT_MS);
    socket.on('data', (chunk: Buffer) => {
      bytesReceived += chunk.length;
    });
    socket.on('error', () => undefined); // a reset is one way of being closed
    socket.on('close', () => {
      clearTimeout(timer);
      resolve({ closedByServer: true, bytesReceived });
    });
    socket.once('connect', () => socket.write(bytes));
  });
}

function frame(lengthField: number, rest: Buffer): Buffer {
  const head = Buffer.alloc(4);
  head.writeUInt32BE(lengthField >>> 0, 0);
  return Buffer.concat([head, rest]);
}

describe('Namesrv > wire > bad input', () => {
  let namesrv: InProcessNamesrv;
  let goodClient: RemotingClient;

  const stillAnswering = async (): Promise<void> => {
    const response = await goodClient.invoke(
      namesrv.address,
      createRequest(RequestCode.GET_ROUTEINFO_BY_TOPIC, { extFields: { topic: 'TopicA' }, version: 479 }),
      TIMEOUT_MS,
    );
    expect(response.code).toBe(ResponseCode.SUCCESS);
  };

  beforeAll(async () => {
    namesrv = await startInProcessNamesrv();
    goodClient = newClient();
    await goodClient.invoke(
      namesrv.address,
      registerRequest(MASTER_A, { topics: [topicConfig('TopicA'), topicConfig('TopicB')] }),
      TIMEOUT_MS,
    );
  });

  afterAll(async () => {
    await goodClient.close();
    await namesrv.stop();
  });

  it('closes a connection whose header length exceeds its frame', async () => {
    const headerWord = Buffer.alloc(4);
    headerWord.writeUInt32BE(100, 0); // 100 header bytes promised, 4 delivered
    const outcome = await sendRaw(namesrv.remotingPort, frame(8, Buffer.concat([headerWord, Buffer.from('{}xx')])));
    expect(outcome).toEqual({ closedByServer: true, bytesReceived: 0 });
    await stillAnswering();
  });

  it('closes a connection announcing a frame above the 16 MiB limit, without waiting for it', async () => {
    const outcome = await sendRaw(namesrv.remotingPort, frame(0x7fffffff, Buffer.alloc(16)));
    expect(outcome).toEqual({ closedByServer: true, bytesReceived: 0 });
    await stillAnswering();
  });

  it('closes a connection that speaks HTTP instead of RocketMQ', async () => {
    const outcome = await sendRaw(namesrv.remotingPort, Buffer.from('GET /health HTTP/1.1\r\nHost: x\r\n\r\n'));
    expect(outcome.closedByServer).toBe(true);
    await stillAnswering();
  });

  it('closes a connection whose well-sized frame holds a garbage header', async () => {
    const garbage = Buffer.from('not json at all!');
    const headerWord = Buffer.alloc(4);
    headerWord.writeUInt32BE(garbage.length, 0);
    const outcome = await sendRaw(namesrv.remotingPort, frame(4 + garbage.length, Buffer.concat([headerWord, garbage])));
    expect(outcome).toEqual({ closedByServer: true, bytesReceived: 0 });
    await stillAnswering();
  });

  it('keeps the registered broker through all of it', async () => {
    const response = await goodClient.invoke(namesrv.address, createRequest(RequestCode.GET_BROKER_CLUSTER_INFO), TIMEOUT_MS);
    expect(response.body?.toString('utf8')).toContain('"broker-a"');
  });
});
