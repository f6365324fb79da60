import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { IdentityFile } from './broker-identity-file';

describe('broker identity files', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'rocketmq-ts-identity-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('writes and reads RocketMQ formats: cluster#broker#id and cluster#broker#id#checkCode', () => {
    const final = IdentityFile.final(join(dir, 'brokerIdentity'));
    const temp = IdentityFile.temp(join(dir, 'brokerIdentity-temp'));
    expect(final.read()).toEqual({ kind: 'missing' });
    temp.write({ clusterName: 'DefaultCluster', brokerName: 'broker-a', brokerId: 2, registerCheckCode: '127.0.0.1:30911;1700000000000' });
    expect(readFileSync(temp.path, 'utf8')).toBe('DefaultCluster#broker-a#2#127.0.0.1:30911;1700000000000');
    final.write({ clusterName: 'DefaultCluster', brokerName: 'broker-a', brokerId: 2 });
    temp.remove();
    expect(readFileSync(final.path, 'utf8')).toBe('DefaultCluster#broker-a#2');
    expect(final.read()).toEqual({ kind: 'ok', identity: { clusterName: 'DefaultCluster', brokerName: 'broker-a', brokerId: 2 } });
    expect(temp.read()).toEqual({ kind: 'missing' });
  });

  it('says why a file is unreadable instead of guessing an id', () => {
    const final = IdentityFile.final(join(dir, 'brokerIdentity'));
    for (const [text, reason] of [
      ['DefaultCluster#broker-a', 'is not clusterName#brokerName#brokerId'],
      ['DefaultCluster#broker-a#0', 'not a controller id'],
      ['DefaultCluster#broker-a#x1', 'not a controller id'],
      ['#broker-a#1', 'empty cluster'],
    ] as const) {
      writeFileSync(final.path, text);
      expect(final.read()).toMatchObject({ kind: 'bad', reason: expect.stringContaining(reason) });
    }
  });
});
