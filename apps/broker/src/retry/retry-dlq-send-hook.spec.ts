import { ManualClock } from '@rocketmq-ts/base';
import { createTopicConfig, encodeMessageProperties, parseMessageProperties } from '@rocketmq-ts/model';
import { ResponseCode } from '@rocketmq-ts/protocol';
import { beforeEach, describe, expect, it } from 'vitest';

import { RebalanceLockManager } from '../orderly/rebalance-lock-manager';
import type { SendMessageDraft } from '../send-hooks/send-message-hook';
import { FakeSubscriptionGroups, FakeTopicConfigs } from '../testing/consumer-fakes';
import { RetryDlqSendHook } from './retry-dlq-send-hook';

describe('Broker > retry > sends to %RETRY% past their limit', () => {
  let groups: FakeSubscriptionGroups;
  let topics: FakeTopicConfigs;
  let locks: RebalanceLockManager;
  let hook: RetryDlqSendHook;

  beforeEach(() => {
    groups = new FakeSubscriptionGroups();
    topics = new FakeTopicConfigs();
    locks = new RebalanceLockManager(new ManualClock());
    hook = new RetryDlqSendHook(groups, topics, locks);
  });

  const draft = (topic: string, reconsumeTimes: number, maxReconsumeTimes?: number): SendMessageDraft => ({
    topic,
    queueId: 0,
    properties: encodeMessageProperties({ DELAY: '3', RETRY_TOPIC: 'T' }),
    sysFlag: 0,
    tagsCode: 0,
    reconsumeTimes,
    maxReconsumeTimes,
    topicConfig: createTopicConfig(topic),
    producerGroup: 'CLIENT_INNER_PRODUCER',
  });

  it('leaves a retry under its limit alone, and other topics too', () => {
    const retry = draft('%RETRY%G', 1, 3);
    expect(hook.beforeStore(retry)).toEqual({ kind: 'continue' });
    expect(retry.topic).toBe('%RETRY%G');
    const plain = draft('T', 99);
    hook.beforeStore(plain);
    expect(plain.topic).toBe('T');
  });

  it("moves a retry at the producer's limit (else the group's) to %DLQ%<group>, undelayed, creating the DLQ", () => {
    const atHeaderLimit = draft('%RETRY%G', 3, 3);
    hook.beforeStore(atHeaderLimit);
    expect([atHeaderLimit.topic, parseMessageProperties(atHeaderLimit.properties).has('DELAY')]).toEqual(['%DLQ%G', false]);
    expect(topics.selectTopicConfig('%DLQ%G')).toMatchObject({ readQueueNums: 1 });
    const atGroupLimit = draft('%RETRY%G', 16);
    hook.beforeStore(atGroupLimit);
    expect(atGroupLimit.topic).toBe('%DLQ%G');
  });

  it('sends a retry of an orderly group (holding queue locks) straight to the DLQ', () => {
    locks.tryLockBatch('G', [{ topic: 'T', brokerName: 'b', queueId: 0 }], 'client-1');
    const retry = draft('%RETRY%G', 0, 16);
    hook.beforeStore(retry);
    expect(retry.topic).toBe('%DLQ%G');
  });

  it('refuses a retry for a group that does not exist', () => {
    groups.autoCreate = false;
    expect(hook.beforeStore(draft('%RETRY%nope', 0))).toMatchObject({ kind: 'reject', code: ResponseCode.SUBSCRIPTION_GROUP_NOT_EXIST });
  });
});
