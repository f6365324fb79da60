import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';

import { type LocalNamesrv, runJava, startLocalNamesrv, uniqueName, useProcessHygiene, waitForMaster } from '@rocketmq-ts/testing';

import { javaAclScenario, outcomeOf, plainAclYaml, type ProbeStep } from './support/acl-fixture';
import { type ApacheAclBroker, startApacheAclBroker } from './support/apache-acl-broker';

// The Java AclClientRPCHook scenario of acl.e2e.spec.ts against Apache RocketMQ 5.3.3's broker,
// which migrates the same plain_acl.yml into ACL 2.0 at start (migrateAuthFromV1Enabled): every
// step must end the same way there as on our broker, so a difference is known to be ours.
describe('Security > ACL reference: the same scenario against Apache 5.3.3', () => {
  useProcessHygiene({ beforeEach, afterAll });
  let namesrv: LocalNamesrv;
  let broker: ApacheAclBroker;

  beforeAll(async () => {
    namesrv = await startLocalNamesrv({ label: 'acl-apache-namesrv' });
    broker = await startApacheAclBroker({
      namesrvAddr: namesrv.addr,
      brokerName: uniqueName('apache_acl'),
      plainAclYaml: plainAclYaml('PUB'),
    });
    await waitForMaster(namesrv.addr, broker.brokerName, broker.addr);
  });

  it('gives every step of the Java AclClientRPCHook scenario the outcome our broker gives', async () => {
    const topic = uniqueName('acl_apache_orders');
    const scenario = javaAclScenario(topic, uniqueName('acl_apache_sneaky'));
    const run = await runJava('AclProbe', ['-n', namesrv.addr, '-t', topic, '-b', broker.addr, '-s', scenario.steps.join(',')], 180_000);
    const results = new Map(((run.summary['steps'] as ProbeStep[]) ?? []).map((result) => [result.step, result]));
    expect(scenario.expected.map(({ step }) => outcomeOf(results.get(step)))).toEqual(scenario.expected.map(({ expected }) => expected));
  });
});
