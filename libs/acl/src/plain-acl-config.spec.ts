import { describe, expect, it } from 'vitest';

import { Perm } from './permission';
import { parsePlainAcl } from './plain-acl-config';

const SAMPLE = `
globalWhiteRemoteAddresses:
  - 10.10.103.*
  - 192.168.0.*
accounts:
  - accessKey: RocketMQ
    secretKey: 12345678
    whiteRemoteAddress:
    admin: false
    defaultTopicPerm: DENY
    defaultGroupPerm: SUB
    topicPerms:
      - topicA=DENY
      - topicB=PUB|SUB
      - topicC=SUB
    groupPerms:
      - groupA=DENY
      - groupB=PUB|SUB
  - accessKey: rocketmq2
    secretKey: "0123456789"
    whiteRemoteAddress: 192.168.1.*
    admin: true
`;

describe('parsePlainAcl', () => {
  it('reads RocketMQ 4.x sample accounts, permissions and whitelists', () => {
    const parsed = parsePlainAcl(SAMPLE);
    if (!parsed.ok) throw new Error(parsed.errors.join('; '));
    const { accounts, globalWhiteAddresses } = parsed.config;
    expect(globalWhiteAddresses.map((match) => match('10.10.103.7'))).toEqual([true, false]);
    const user = accounts.get('RocketMQ');
    expect(user?.secretKey).toBe('12345678');
    expect(user?.admin).toBe(false);
    expect(user?.defaultTopicPerm).toBe(Perm.DENY);
    expect(user?.defaultGroupPerm).toBe(Perm.SUB);
    expect([...(user?.topicPerms ?? [])]).toEqual([
      ['topicA', Perm.DENY],
      ['topicB', Perm.PUB | Perm.SUB],
      ['topicC', Perm.SUB],
    ]);
    expect(user?.groupPerms.get('groupB')).toBe(Perm.PUB | Perm.SUB);
    expect(user?.whiteAddress('10.10.103.7')).toBe(false);
    const admin = accounts.get('rocketmq2');
    expect(admin?.admin).toBe(true);
    // Leading zero kept: scalars are text, never numbers.
    expect(admin?.secretKey).toBe('0123456789');
    expect(admin?.defaultTopicPerm).toBe(Perm.DENY);
    expect(admin?.whiteAddress('192.168.1.200')).toBe(true);
  });

  it('lists every problem, names accounts by access key and never prints a secret', () => {
    const parsed = parsePlainAcl(`
accounts:
  - accessKey: short
    secretKey: hunter2hunter2
  - accessKey: goodaccess
    secretKey: s3cr3t-value
    defaultTopicPerm: WRITE
    topicPerms: [ "noequals" ]
    whiteRemoteAddress: 300.1.1.*
  - accessKey: goodaccess2
    secretKey: abc
`);
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    const text = parsed.errors.join('\n');
    expect(text).toContain('accounts[0]: accessKey must be set and longer than 6');
    expect(text).toContain("accounts[1] (accessKey goodaccess): defaultTopicPerm: 'WRITE' is not DENY, PUB, SUB or PUB|SUB");
    expect(text).toContain("'noequals' is not name=PERM");
    expect(text).toContain("whiteRemoteAddress '300.1.1.*'");
    expect(text).toContain('accounts[2] (accessKey goodaccess2): secretKey must be set and longer than 6');
    for (const secret of ['hunter2hunter2', 's3cr3t-value', 'abc\n']) expect(text).not.toContain(secret);
  });

  it('refuses text that is not YAML or not a mapping', () => {
    expect(parsePlainAcl('accounts: [unclosed').ok).toBe(false);
    expect(parsePlainAcl('- just\n- a list').ok).toBe(false);
  });

  it('an empty file is a valid ACL with no accounts (everything refused)', () => {
    const parsed = parsePlainAcl('');
    expect(parsed.ok && parsed.config.accounts.size).toBe(0);
  });
});
