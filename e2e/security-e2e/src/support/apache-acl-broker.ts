import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { freePortPair, JAVA_INTEROP_DIR, type ManagedProcess, spawnProcess, suiteTempDir } from '@rocketmq-ts/testing';

export interface ApacheAclBroker {
  readonly addr: string;
  readonly brokerName: string;
  readonly process: ManagedProcess;
}

/**
 * Apache RocketMQ 5.3.3's broker with authentication and authorization on and
 * `migrateAuthFromV1Enabled`: at start it turns `$ROCKETMQ_HOME/conf/plain_acl.yml` (the same file
 * our broker reads) into ACL 2.0 users and policies. The reference the ACL scenario runs against,
 * so a difference is known to be ours.
 */
export async function startApacheAclBroker(options: {
  namesrvAddr: string;
  brokerName: string;
  plainAclYaml: string;
}): Promise<ApacheAclBroker> {
  const port = await freePortPair({ withVipPort: true });
  const dir = suiteTempDir('apache-acl-broker');
  // run-broker.sh sets ROCKETMQ_HOME=<work>/home; the migration reads conf/plain_acl.yml there.
  mkdirSync(join(dir.path, 'home', 'conf'), { recursive: true });
  writeFileSync(join(dir.path, 'home', 'conf', 'plain_acl.yml'), options.plainAclYaml);
  const conf = [
    'authenticationEnabled=true',
    'authenticationProvider=org.apache.rocketmq.auth.authentication.provider.DefaultAuthenticationProvider',
    'authenticationMetadataProvider=org.apache.rocketmq.auth.authentication.provider.LocalAuthenticationMetadataProvider',
    'authorizationEnabled=true',
    'authorizationProvider=org.apache.rocketmq.auth.authorization.provider.DefaultAuthorizationProvider',
    'authorizationMetadataProvider=org.apache.rocketmq.auth.authorization.provider.LocalAuthorizationMetadataProvider',
    'migrateAuthFromV1Enabled=true',
    'autoCreateTopicEnable=false',
  ].join('\n');
  const child = spawnProcess({
    name: `apache-acl-broker(${options.brokerName})`,
    command: `${JAVA_INTEROP_DIR}/bin/run-broker.sh`,
    args: [options.namesrvAddr, String(port), dir.path, options.brokerName, 'DefaultCluster'],
    env: { BROKER_EXTRA_CONF: conf },
    logFile: true,
  });
  await child.waitForOutput(/boot success/, { timeoutMs: 120_000, reason: `Apache ACL broker ${options.brokerName}` });
  return { addr: `127.0.0.1:${port}`, brokerName: options.brokerName, process: child };
}
