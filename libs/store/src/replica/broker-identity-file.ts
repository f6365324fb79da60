/**
 * The controller-assigned broker id on disk (docs/controller-mode-broker.md#identity), in RocketMQ's formats:
 *
 *   brokerIdentity        clusterName#brokerName#brokerId
 *   brokerIdentity-temp   clusterName#brokerName#brokerId#registerCheckCode
 *
 * The temp file records an id the broker is about to apply for; the final file an id the
 * controller accepted. Both are written to `<path>.tmp`, fsync'd and renamed, so a crash leaves
 * either the old content or the new one, never a torn line.
 */
import { at } from '@rocketmq-ts/base';
import { closeSync, existsSync, fsyncSync, openSync, readFileSync, renameSync, rmSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';

import { fsyncDirectorySync } from '../config-file/fsync-directory';

export interface BrokerIdentity {
  readonly clusterName: string;
  readonly brokerName: string;
  readonly brokerId: number;
}

export interface TempBrokerIdentity extends BrokerIdentity {
  /** `<brokerAddr>;<epochMillis>`: proves to the controller that a retried apply is the same broker. */
  readonly registerCheckCode: string;
}

export type IdentityRead<T> = { readonly kind: 'ok'; readonly identity: T } | { readonly kind: 'missing' } | { readonly kind: 'bad'; readonly reason: string };

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
  if (!Number.isSafeInteger(brokerId) || brokerId < 1 || !/^\d+$/.test(id)) return { kind: 'bad', reason: `broker id ${JSON.stringify(id)} is not a controller id (an integer >= 1)` };
  return { kind: 'ok', identity: { clusterName, brokerName, brokerId } };
}

export function decodeBrokerIdentity(text: string): IdentityRead<BrokerIdentity> {
  const parts = text.trim().split('#');
  if (parts.length !== 3) return { kind: 'bad', reason: `${JSON.stringify(text.trim())} is not clusterName#brokerName#brokerId` };
  return decodeBase(parts);
}

export function decodeTempBrokerIdentity(text: string): IdentityRead<TempBrokerIdentity> {
  const parts = text.trim().split('#');
  if (parts.length !== 4 || parts[3] === '') return { kind: 'bad', reason: `${JSON.stringify(text.trim())} is not clusterName#brokerName#brokerId#registerCheckCode` };
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
    const temporary = `${this.path}.tmp`;
    const bytes = Buffer.from(this.encode(value), 'utf8');
    const fd = openSync(temporary, 'w');
    try {
      let done = 0;
      while (done < bytes.length) done += writeSync(fd, bytes, done, bytes.length - done, done);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(temporary, this.path);
    fsyncDirectorySync(dirname(this.path));
  }

  remove(): void {
    rmSync(this.path, { force: true });
    fsyncDirectorySync(dirname(this.path));
  }
}
