/**
 * The ACL 1.0 accounts ACL specs and suites share (docs/security.md#the-accounts-file): an admin,
 * a PUB-only account, a SUB-only account, and the broker's own.
 */
export interface TestAclAccount {
  readonly accessKey: string;
  readonly secretKey: string;
}

export const ACL_ADMIN: TestAclAccount = { accessKey: 'opsadmin', secretKey: 'admin-secret-1' };
export const ACL_PUBLISHER: TestAclAccount = { accessKey: 'publisher', secretKey: 'pub-secret-22' };
export const ACL_CONSUMER: TestAclAccount = { accessKey: 'consumer', secretKey: 'sub-secret-333' };
/** What a broker under test signs its own registrations with. */
export const ACL_BROKER_SELF: TestAclAccount = { accessKey: 'brokerself', secretKey: 'broker-own-secret' };

/** plain_acl.yml with those accounts; the publisher's default topic permission is the knob reload tests turn. */
export function testPlainAclYaml(publisherTopicPerm: 'PUB' | 'PUB|SUB' = 'PUB'): string {
  const account = (who: TestAclAccount, admin: boolean, topicPerm: string, groupPerm: string): string =>
    `  - accessKey: ${who.accessKey}\n    secretKey: ${who.secretKey}\n    admin: ${admin}\n    defaultTopicPerm: ${topicPerm}\n    defaultGroupPerm: ${groupPerm}\n`;
  return `# ACL 1.0 accounts of the security specs\naccounts:\n${account(ACL_ADMIN, true, 'PUB|SUB', 'PUB|SUB')}${account(ACL_PUBLISHER, false, publisherTopicPerm, 'SUB')}${account(ACL_CONSUMER, false, 'SUB', 'SUB')}${account(ACL_BROKER_SELF, true, 'PUB|SUB', 'PUB|SUB')}`;
}
