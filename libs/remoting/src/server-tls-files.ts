import { readFileSync } from 'node:fs';

import type { ServerTlsOptions, TlsMode } from './server-tls';
import { errorMessage } from '@rocketmq-ts/base';

/** RocketMQ's `tls.server.need.client.auth`. */
export type ClientAuth = 'none' | 'optional' | 'require';

/** The TLS settings of a server's config file (broker and name server share them). */
export interface ServerTlsSettings {
  readonly tlsMode: TlsMode;
  readonly tlsServerKeyPath: string;
  readonly tlsServerCertPath: string;
  /** CA bundle client certificates must chain to; required when clients must present one. */
  readonly tlsServerTrustCertPath: string;
  readonly tlsServerNeedClientAuth: ClientAuth;
}

/**
 * Reads the PEM files the settings name (docs/security.md#tls). Undefined when TLS is disabled;
 * throws one Error listing every missing or unreadable file otherwise, so a server never starts
 * with a TLS setting it cannot honour.
 */
export function serverTlsFromSettings(settings: ServerTlsSettings): ServerTlsOptions | undefined {
  if (settings.tlsMode === 'disabled') return undefined;
  const problems: string[] = [];
  const read = (key: keyof ServerTlsSettings, path: string, required: boolean): Buffer | undefined => {
    if (path === '') {
      if (required) problems.push(`${key} must name a PEM file when tlsMode is ${settings.tlsMode}`);
      return undefined;
    }
    try {
      return readFileSync(path);
    } catch (error) {
      problems.push(`${key}: cannot read ${path}: ${errorMessage(error)}`);
      return undefined;
    }
  };
  const key = read('tlsServerKeyPath', settings.tlsServerKeyPath, true);
  const cert = read('tlsServerCertPath', settings.tlsServerCertPath, true);
  const ca = read('tlsServerTrustCertPath', settings.tlsServerTrustCertPath, settings.tlsServerNeedClientAuth !== 'none');
  if (problems.length > 0) throw new Error(`TLS settings: ${problems.join('; ')}`);
  return {
    mode: settings.tlsMode,
    context: { key, cert, ...(ca === undefined ? {} : { ca }) },
    requestCert: settings.tlsServerNeedClientAuth !== 'none',
    requireClientCert: settings.tlsServerNeedClientAuth === 'require',
  };
}
