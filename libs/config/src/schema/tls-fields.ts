import { oneOf, string } from './validators';

/**
 * The TLS keys of a remoting server's config, shared by the broker and the name server
 * (docs/security.md#tls). They mirror RocketMQ's `tls.server.*` system properties: mode, key,
 * certificate, client-certificate trust and whether clients must present one. The files are read
 * and checked at start by libs/remoting's serverTlsFromSettings.
 */
export function tlsServerFields() {
  return {
    tlsMode: oneOf(['disabled', 'permissive', 'enforcing'], 'disabled', {
      description:
        'TLS on the remoting port(s): disabled = plain only; permissive = TLS and plain on one port; enforcing = TLS only (Java: tls.server.mode)',
    }),
    tlsServerKeyPath: string('', {
      description: 'PEM private key (PKCS#8 or PKCS#1) of the server certificate (Java: tls.server.keyPath)',
    }),
    tlsServerCertPath: string('', { description: 'PEM server certificate chain (Java: tls.server.certPath)' }),
    tlsServerTrustCertPath: string('', { description: 'PEM CA bundle client certificates must chain to (Java: tls.server.trustCertPath)' }),
    tlsServerNeedClientAuth: oneOf(['none', 'optional', 'require'], 'none', {
      description: 'ask clients for a certificate: none, optional, require (Java: tls.server.need.client.auth)',
    }),
  };
}
