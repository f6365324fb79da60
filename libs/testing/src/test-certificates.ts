import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** PEM files made for one test run: a CA, a server certificate for 127.0.0.1/localhost, a client certificate. */
export interface TestCertificates {
  readonly caCert: string;
  readonly serverKey: string;
  readonly serverCert: string;
  readonly clientKey: string;
  readonly clientCert: string;
}

/**
 * Generates a throwaway CA and server and client certificates with the openssl CLI into `dir`
 * (EC P-256, valid one day), so TLS tests never ship keys. Each call makes new keys.
 */
export function generateTestCertificates(dir: string): TestCertificates {
  const path = (name: string): string => join(dir, name);
  const openssl = (...args: string[]): void => void execFileSync('openssl', args, { stdio: ['ignore', 'ignore', 'pipe'] });
  const key = (name: string): void => openssl('genpkey', '-algorithm', 'EC', '-pkeyopt', 'ec_paramgen_curve:P-256', '-out', path(name));
  key('ca.key');
  openssl('req', '-x509', '-new', '-key', path('ca.key'), '-subj', '/CN=rocketmq-ts test CA', '-days', '1', '-out', path('ca.pem'));
  const issue = (name: string, subject: string, extensions: string): void => {
    key(`${name}.key`);
    openssl('req', '-new', '-key', path(`${name}.key`), '-subj', subject, '-out', path(`${name}.csr`));
    writeFileSync(path(`${name}.ext`), extensions);
    openssl(
      'x509',
      '-req',
      '-in',
      path(`${name}.csr`),
      '-CA',
      path('ca.pem'),
      '-CAkey',
      path('ca.key'),
      '-CAcreateserial',
      '-days',
      '1',
      '-extfile',
      path(`${name}.ext`),
      '-out',
      path(`${name}.pem`),
    );
  };
  issue('server', '/CN=localhost', 'subjectAltName=IP:127.0.0.1,DNS:localhost\nextendedKeyUsage=serverAuth\n');
  issue('client', '/CN=rocketmq-ts test client', 'extendedKeyUsage=clientAuth\n');
  // Java's Netty SslContext reads PKCS#8 keys; genpkey already writes PKCS#8.
  return {
    caCert: path('ca.pem'),
    serverKey: path('server.key'),
    serverCert: path('server.pem'),
    clientKey: path('client.key'),
    clientCert: path('client.pem'),
  };
}
