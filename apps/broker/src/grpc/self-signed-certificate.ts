import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export interface PemPair {
  readonly cert: Buffer;
  readonly key: Buffer;
}

const CERT = 'grpc-self-signed.crt';
const KEY = 'grpc-self-signed.key';

/**
 * The default TLS identity of the gRPC port when TLS is on and no certificate is configured
 * (docs/grpc-and-pop.md#grpc-endpoint): a self-signed certificate for `host`, made once with the
 * system's openssl and kept in `dir` so restarts present the same one. Good for local use: the Java
 * 5 client trusts any certificate; anything else must be given the file to trust.
 * Throws with the reason when openssl is missing or fails; the broker then refuses to start.
 */
export function selfSignedCertificate(dir: string, host: string): PemPair {
  const certPath = join(dir, CERT);
  const keyPath = join(dir, KEY);
  if (!existsSync(certPath) || !existsSync(keyPath)) {
    mkdirSync(dir, { recursive: true });
    const san = /^\d+\.\d+\.\d+\.\d+$/.test(host) ? `IP:${host},DNS:localhost,IP:127.0.0.1` : `DNS:${host},DNS:localhost,IP:127.0.0.1`;
    try {
      execFileSync(
        'openssl',
        [
          'req',
          '-x509',
          '-newkey',
          'ec',
          '-pkeyopt',
          'ec_paramgen_curve:prime256v1',
          '-nodes',
          '-days',
          '3650',
          '-subj',
          `/CN=${host}`,
          '-addext',
          `subjectAltName=${san}`,
          '-keyout',
          keyPath,
          '-out',
          certPath,
        ],
        { stdio: ['ignore', 'ignore', 'pipe'] },
      );
    } catch (error) {
      throw new Error(
        `cannot make the self-signed gRPC certificate with openssl (set grpcTlsCertPath and grpcTlsKeyPath instead): ${error instanceof Error ? error.message : String(error)}`,
      );
    }
  }
  return { cert: readFileSync(certPath), key: readFileSync(keyPath) };
}
