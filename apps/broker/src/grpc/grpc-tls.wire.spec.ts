import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import * as grpc from '@grpc/grpc-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { type InProcessBroker, startInProcessBroker } from '../testing/in-process-broker';
import { GrpcLifecycle } from './grpc.providers';

// TLS on the gRPC port with the self-signed default (docs/grpc-and-pop.md#grpc-endpoint): a client
// that trusts the certificate the broker made talks to it; a plaintext client gets no answer.
describe('Broker > gRPC endpoint > TLS (self-signed default)', () => {
  let broker: InProcessBroker;
  let address: string;

  beforeAll(async () => {
    broker = await startInProcessBroker({ overrides: { enableGrpcServer: true, grpcServerPort: 0, grpcTlsEnable: true } });
    address = `127.0.0.1:${broker.app.get(GrpcLifecycle).endpoint.port}`;
  });

  afterAll(async () => {
    await broker.stop();
  });

  const heartbeat = (credentials: grpc.ChannelCredentials) => {
    const client = new grpc.Client(address, credentials);
    const metadata = new grpc.Metadata();
    metadata.set('x-mq-client-id', 'tls-spec@1');
    return new Promise<{ error: grpc.ServiceError | null; body: Buffer | undefined }>((resolve) =>
      client.makeUnaryRequest(
        '/apache.rocketmq.v2.MessagingService/Heartbeat',
        (b: Buffer) => b,
        (b: Buffer) => b,
        Buffer.alloc(0),
        metadata,
        { deadline: Date.now() + 5000 },
        (error, body) => {
          client.close();
          resolve({ error, body });
        },
      ),
    );
  };

  it('serves a client that trusts the self-signed certificate kept in the store config dir', async () => {
    const cert = readFileSync(join(broker.storeDir, 'config', 'grpc-self-signed.crt'));
    expect(cert.toString()).toContain('BEGIN CERTIFICATE');
    const answer = await heartbeat(grpc.credentials.createSsl(cert));
    expect(answer.error).toBeNull();
    // status { code: OK (20000) }
    expect(answer.body?.includes(Buffer.from([0x08, 0xa0, 0x9c, 0x01]))).toBe(true);
  });

  it('gives a plaintext client no answer', async () => {
    const answer = await heartbeat(grpc.credentials.createInsecure());
    expect(answer.error?.code).toBe(grpc.status.UNAVAILABLE);
  });
});
