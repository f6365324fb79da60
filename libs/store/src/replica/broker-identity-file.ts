/**
 * The controller-assigned broker id on disk (docs/controller-mode-broker.md#identity), in RocketMQ's formats:
 *
 *   brokerIdentity        clusterName#brokerName#brokerId
 *   brokerIdentity-temp   clusterName#brokerName#brokerId#registerCheckCode
 *
 * The temp file records an id the broker is about to apply for; the final file an id the
 * controller accepted. Both are written by the atomic writer of libs/files (`<path>.tmp`, fsync, rename), so a
 * crash leaves either the old content or the new one, never a torn line.
 */
import { at } from '@rocketmq-ts/base';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { dirname } from 'node:path';

import { fsyncDirectorySync, writeFileAtomicallySync } from '@rocketmq-ts/files';

export interface BrokerIdentity {
  readonly clusterName: string;
  readonly brokerName: string;
  readonly brokerId: number;
}

export interface TempBrokerIdentity extends BrokerIdentity {
  /** `<brokerAddr>;<epochMillis>`: proves to the controller that a retried apply is the same broker. */
  readonly registerCheckCode: string;
}

export type IdentityRead<T> =
  { readonly kind: 'ok'; readonly identity: T } | { readonly kind: 'missing' } | { readonly kind: 'bad'; readonly reason: string };

export function encodeBrokerIdentity(identity: BrokerIdentity): string {
  return `${identity.clusterName}#${identity.brokerName}#${identity.brokerId}`;
}

export function encodeTempBrokerIdentity(identity: TempBrokerIdentity): string {
  return `${encodeBrokerIdentity(identity)}#${identity.registerCheckCode}`;
}

function decodeBase(parts: readonly string[]): IdentityRead<BrokerIdentity> {
  const [clusterName, brokerName, id] = parts as [string, string, string];
  const brokerId = Number(id);
  if (clusterName === '' || brokerName === '') return { kind: 'bad', reason: 'empty cluster or broker name' };
  if (!Number.isSafeInteger(brokerId) || brokerId < 1 || !/^\d+$/.test(id))
    return { kind: 'bad', reason: `broker id ${JSON.stringify(id)} is not a controller id (an integer >= 1)` };
  return { kind: 'ok', identity: { clusterName, brokerName, brokerId } };
}

export function decodeBrokerIdentity(text: string): IdentityRead<BrokerIdentity> {
  const parts = text.trim().split('#');
  if (parts.length !== 3) return { kind: 'bad', reason: `${JSON.stringify(text.trim())} is not clusterName#brokerName#brokerId` };
  return decodeBase(parts);
}

export function decodeTempBrokerIdentity(text: string): IdentityRead<TempBrokerIdentity> {
  const parts = text.trim().split('#');
  if (parts.length !== 4 || parts[3] === '')
    return { kind: 'bad', reason: `${JSON.stringify(text.trim())} is not clusterName#brokerName#brokerId#registerCheckCode` };
  const base = decodeBase(parts.slice(0, 3));
  return base.kind === 'ok' ? { kind: 'ok', identity: { ...base.identity, registerCheckCode: at(parts, 3, 'identity fields') } } : base;
}

/** One identity file: read, durable write, delete. */
export class IdentityFile<T> {
  constructor(
    readonly path: string,
    private readonly encode: (value: T) => string,
    private readonly decode: (text: string) => IdentityRead<T>,
  ) {}

  static final(path: string): IdentityFile<BrokerIdentity> {
    return new IdentityFile(path, encodeBrokerIdentity, decodeBrokerIdentity);
  }

  static temp(path: string): IdentityFile<TempBrokerIdentity> {
    return new IdentityFile(path, encodeTempBrokerIdentity, decodeTempBrokerIdentity);
  }

  read(): IdentityRead<T> {
    if (!existsSync(this.path)) return { kind: 'missing' };
    return this.decode(readFileSync(this.path, 'utf8'));
  }

  write(value: T): void {
    writeFileAtomicallySync(this.path, this.encode(value));
  }

  remove(): void {
    rmSync(this.path, { force: true });
    fsyncDirectorySync(dirname(this.path));
  }
}
