import { readFileSync } from 'node:fs';
import { connect, type Socket } from 'node:net';
import { resolve } from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { decodeFrame, FrameSplitter, TopicList } from '@rocketmq-ts/protocol';

import { type InProcessNamesrv, startInProcessNamesrv } from '../testing/in-process-namesrv';

// Frames captured between the Apache RocketMQ 5.3.3 broker/clients and the Apache 5.3.3 namesrv
// (libs/protocol/src/__fixtures__/captured, by the interop tooling). We replay the Java requests
// byte for byte and expect the Java namesrv's replies byte for byte.
const CAPTURED = resolve(__dirname, '../../../../libs/protocol/src/__fixtures__/captured');

function capturedFrame(name: string): Buffer {
  const text = readFileSync(resolve(CAPTURED, `${name}.hex`), 'utf8');
  const hex = text
    .split('\n')
    .filter((line) => !line.trimStart().startsWith('#'))
    .join('')
    .replace(/\s+/g, '');
  return Buffer.from(hex, 'hex');
}

/** One raw connection that sends whole frames and returns whole reply frames (length field included). */
class RawConnection {
  private readonly splitter = new FrameSplitter();
  private readonly frames: Buffer[] = [];
  private waiter: (() => void) | undefined;

  private constructor(private readonly socket: Socket) {
    socket.on('data', (chunk: Buffer) => {
      for (const frame of this.splitter.push(chunk)) {
        const length = Buffer.alloc(4);
        length.writeUInt32BE(frame.length, 0);
        this.frames.push(Buffer.concat([length, frame]));
      }
      this.waiter?.();
    });
  }

  static open(port: number): Promise<RawConnection> {
    return new Promise((resolveOpen, reject) => {
      const socket = connect({ host: '127.0.0.1', port }, () => resolveOpen(new RawConnection(socket)));
      socket.once('error', reject);
    });
  }

  async exchange(frame: Buffer): Promise<Buffer> {
    this.socket.write(frame);
    while (this.frames.length === 0) await new Promise<void>((wake) => (this.waiter = wake));
    this.waiter = undefined;
    return this.frames.shift() as Buffer;
  }

  close(): void {
    this.socket.destroy();
  }
}

describe('Namesrv > wire > golden frames from the Apache 5.3.3 namesrv', () => {
  let namesrv: InProcessNamesrv;
  let broker: RawConnection;
  let client: RawConnection;

  beforeAll(async () => {
    namesrv = await startInProcessNamesrv();
    broker = await RawConnection.open(namesrv.remotingPort);
    client = await RawConnection.open(namesrv.remotingPort);
  });

  afterAll(async () => {
    broker.close();
    client.close();
    await namesrv.stop();
  });

  it('answers the Java broker register exactly as Java does', async () => {
    expect((await broker.exchange(capturedFrame('103-request-1'))).toString('hex')).toBe(capturedFrame('103-response-1').toString('hex'));
  });

  it('answers a Java producer TBW102 route query byte for byte', async () => {
    const reply = await client.exchange(capturedFrame('105-request-2'));
    expect(reply.toString('utf8', 8)).toBe(capturedFrame('105-response-2').toString('utf8', 8));
    expect(reply.equals(capturedFrame('105-response-2'))).toBe(true);
  });

  it('answers an unknown topic with the Java TOPIC_NOT_EXIST frame', async () => {
    expect((await client.exchange(capturedFrame('105-request-1'))).toString('utf8')).toBe(capturedFrame('105-response-1').toString('utf8'));
  });

  it('answers GET_BROKER_CLUSTER_INFO byte for byte', async () => {
    expect((await broker.exchange(capturedFrame('106-request-1'))).toString('utf8')).toBe(capturedFrame('106-response-1').toString('utf8'));
  });

  it('lists the same topics as Java (Java order is HashMap order, so compared as sets)', async () => {
    const ours = decodeFrame((await client.exchange(capturedFrame('206-request-1'))).subarray(4));
    const theirs = decodeFrame(capturedFrame('206-response-1').subarray(4));
    const topics = (body: Buffer | undefined) => [...TopicList.decode(body ?? Buffer.alloc(0)).topicList].sort();
    // Java's list was captured after the broker registered the test topic in a later register
    // that is not among the captured frames; everything else must match.
    const javaTopics = topics(theirs.body).filter((topic) => !topic.startsWith('CaptureTopic'));
    expect(topics(ours.body)).toEqual(javaTopics);
    expect(ours.code).toBe(theirs.code);
  });

  it('answers the Java broker unregister exactly as Java does', async () => {
    expect((await broker.exchange(capturedFrame('104-request-1'))).toString('utf8')).toBe(capturedFrame('104-response-1').toString('utf8'));
  });
});
