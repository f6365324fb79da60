import { readFileSync } from 'node:fs';
import { connect } from 'node:net';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { createRequest, RequestCode, ResponseCode } from '@rocketmq-ts/protocol';
import { RemotingClient } from '@rocketmq-ts/remoting';
import { createTempDir, generateTestCertificates, type TempDir, type TestCertificates } from '@rocketmq-ts/testing';

import { type InProcessBroker, startInProcessBroker } from '../testing/in-process-broker';

// TLS on the broker's remoting port through real sockets (docs/security.md#tls), in each tlsMode,
// with certificates made for this run by openssl; optional client certificates required.
const TIMEOUT_MS = 5000;

describe('Broker > wire > TLS', () => {
  let dir: TempDir;
  let certs: TestCertificates;
  const brokers: InProcessBroker[] = [];
  const clients: RemotingClient[] = [];

  beforeAll(() => {
    dir = createTempDir('tls-wire');
    certs = generateTestCertificates(dir.path);
  });

  afterAll(async () => {
    await Promise.all(clients.map((client) => client.close()));
    for (const broker of brokers) await broker.stop();
    dir.remove();
  });

  async function broker(
    tlsMode: 'disabled' | 'permissive' | 'enforcing',
    clientAuth: 'none' | 'require' = 'none',
  ): Promise<InProcessBroker> {
    const started = await startInProcessBroker({
      overrides: {
        tlsMode,
        tlsServerKeyPath: certs.serverKey,
        tlsServerCertPath: certs.serverCert,
        tlsServerTrustCertPath: clientAuth === 'none' ? '' : certs.caCert,
        tlsServerNeedClientAuth: clientAuth,
      },
    });
    brokers.push(started);
    return started;
  }

  function client(kind: 'plain' | 'tls' | 'tls-with-cert'): RemotingClient {
    const ca = readFileSync(certs.caCert);
    const tls =
      kind === 'plain'
        ? undefined
        : kind === 'tls'
          ? { ca }
          : { ca, cert: readFileSync(certs.clientCert), key: readFileSync(certs.clientKey) };
    const created = new RemotingClient({ tls, connectTimeoutMs: 3000 });
    clients.push(created);
    return created;
  }

  const ask = (remoting: RemotingClient, target: InProcessBroker) =>
    remoting.invoke(target.address, createRequest(RequestCode.GET_BROKER_RUNTIME_INFO, { language: 'JAVA' }), TIMEOUT_MS);

  it('permissive serves TLS and plain clients on one port', async () => {
    const target = await broker('permissive');
    expect((await ask(client('tls'), target)).code).toBe(ResponseCode.SUCCESS);
    expect((await ask(client('plain'), target)).code).toBe(ResponseCode.SUCCESS);
  });

  it('enforcing serves TLS and closes plain connections', async () => {
    const target = await broker('enforcing');
    expect((await ask(client('tls'), target)).code).toBe(ResponseCode.SUCCESS);
    await expect(ask(client('plain'), target)).rejects.toThrow(/closed/);
  });

  it('disabled refuses a TLS handshake (the ClientHello is no frame)', async () => {
    const target = await broker('disabled');
    expect((await ask(client('plain'), target)).code).toBe(ResponseCode.SUCCESS);
    await expect(ask(client('tls'), target)).rejects.toThrow(/cannot connect/);
  });

  it('with required client certificates, a client without one is refused and one with a CA-signed certificate served', async () => {
    const target = await broker('enforcing', 'require');
    expect((await ask(client('tls-with-cert'), target)).code).toBe(ResponseCode.SUCCESS);
    await expect(ask(client('tls'), target)).rejects.toThrow();
  });

  it('a peer that connects and stays silent costs nothing: the broker keeps serving', async () => {
    const target = await broker('permissive');
    const silent = connect({ host: '127.0.0.1', port: target.remotingPort });
    await new Promise((resolve) => silent.once('connect', resolve));
    expect((await ask(client('tls'), target)).code).toBe(ResponseCode.SUCCESS);
    silent.destroy();
  });

  it('refuses to start with a missing key file, naming the setting', async () => {
    await expect(
      startInProcessBroker({
        overrides: { tlsMode: 'permissive', tlsServerKeyPath: `${dir.path}/missing.key`, tlsServerCertPath: certs.serverCert },
      }),
    ).rejects.toThrow(/tlsServerKeyPath: cannot read/);
  });
});
