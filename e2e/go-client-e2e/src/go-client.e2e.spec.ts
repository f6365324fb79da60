import { afterAll, afterEach, beforeAll, beforeEach, describe } from 'vitest';

import { useProcessHygiene } from '@rocketmq-ts/testing';

import { adminScenarios } from './scenarios/admin';
import { delayScenarios } from './scenarios/delay';
import { orderlyScenarios } from './scenarios/orderly';
import { pushConsumerScenarios } from './scenarios/push-consumers';
import { retryScenarios } from './scenarios/retry';
import { sendScenarios } from './scenarios/send';
import { tagFilterScenarios } from './scenarios/tag-filter';
import { transactionScenarios } from './scenarios/transactions';
import { stopGoConsumers } from './support/go-driver';
import { type GoTarget, startApacheTarget, startOurCluster, type TargetKind } from './support/targets';

useProcessHygiene({ beforeEach, afterAll });

const TARGETS: readonly { kind: TargetKind; title: string; start: () => Promise<GoTarget> }[] = [
  { kind: 'ours', title: 'our 2m-2s-sync cluster (npm start --mode 2m-2s-sync)', start: startOurCluster },
  { kind: 'apache', title: 'Apache RocketMQ 5.3.3 (reference)', start: startApacheTarget },
];

// Every scenario against both: a scenario failing only against ours is ours to fix.
describe.each(TARGETS)('the official Go client against $title', ({ start }) => {
  let cluster: GoTarget | undefined;
  const target = (): GoTarget => {
    if (cluster === undefined) throw new Error('the cluster did not start');
    return cluster;
  };

  beforeAll(async () => {
    cluster = await start();
  });
  afterEach(async () => {
    await stopGoConsumers();
  });
  afterAll(async () => {
    await cluster?.stop();
  });

  sendScenarios(target);
  pushConsumerScenarios(target);
  orderlyScenarios(target);
  tagFilterScenarios(target);
  delayScenarios(target);
  retryScenarios(target);
  transactionScenarios(target);
  adminScenarios(target);
});
