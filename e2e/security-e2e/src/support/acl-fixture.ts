import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import type { AclCredentials } from '@rocketmq-ts/protocol';

/** The accounts every ACL suite uses, and plain_acl.yml / tools.yml written from them. */
export const ADMIN: AclCredentials = { accessKey: 'opsadmin', secretKey: 'admin-secret-1' };
export const PUBLISHER: AclCredentials = { accessKey: 'publisher', secretKey: 'pub-secret-22' };
export const CONSUMER: AclCredentials = { accessKey: 'consumer', secretKey: 'sub-secret-333' };
/** What the broker signs its own registrations with. */
export const BROKER_SELF: AclCredentials = { accessKey: 'brokerself', secretKey: 'broker-own-secret' };

export function plainAclYaml(publisherTopicPerm: 'PUB' | 'PUB|SUB'): string {
  return `# ACL 1.0 accounts of the security e2e suite
accounts:
  - accessKey: ${ADMIN.accessKey}
    secretKey: ${ADMIN.secretKey}
    admin: true
    defaultTopicPerm: PUB|SUB
    defaultGroupPerm: PUB|SUB
  - accessKey: ${PUBLISHER.accessKey}
    secretKey: ${PUBLISHER.secretKey}
    defaultTopicPerm: ${publisherTopicPerm}
    defaultGroupPerm: SUB
  - accessKey: ${CONSUMER.accessKey}
    secretKey: ${CONSUMER.secretKey}
    defaultTopicPerm: SUB
    defaultGroupPerm: SUB
  - accessKey: ${BROKER_SELF.accessKey}
    secretKey: ${BROKER_SELF.secretKey}
    admin: true
    defaultTopicPerm: PUB|SUB
    defaultGroupPerm: PUB|SUB
`;
}

/** `<home>/conf/tools.yml`, where Apache's mqadmin reads its credentials (ROCKETMQ_HOME=home). */
export function writeToolsYml(home: string, credentials: AclCredentials): void {
  mkdirSync(join(home, 'conf'), { recursive: true });
  writeFileSync(join(home, 'conf', 'tools.yml'), `accessKey: ${credentials.accessKey}\nsecretKey: ${credentials.secretKey}\n`);
}

/** `step:action:accessKey:secretKey` for AclProbe's --steps. */
export function probeStep(step: string, action: 'send' | 'pull' | 'createTopic' | 'createGroup', credentials: AclCredentials): string {
  return `${step}:${action}:${credentials.accessKey}:${credentials.secretKey}`;
}
