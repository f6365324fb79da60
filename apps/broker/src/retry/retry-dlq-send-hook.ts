import { consumerGroupOf, isRetryTopic, MessageConst, parseMessageProperties, encodeMessageProperties } from '@rocketmq-ts/model';
import { ResponseCode } from '@rocketmq-ts/protocol';

import type { RebalanceLockManager } from '../orderly/rebalance-lock-manager';
import type { SubscriptionGroups, TopicConfigs } from '../consumer/consumer.ports';
import { CONTINUE, type SendMessageDraft, type SendMessageHook, type SendMessageHookVerdict } from '../send-hooks/send-message-hook';
import { retryDestinationOf } from './retry-policy';

/**
 * The send path's retry rule (docs/remoting-protocol.md#requests-the-broker-serves step 6,
 * docs/remoting-protocol.md#requests-the-broker-serves client fallback): a plain SEND to
 * `%RETRY%<group>` — what clients do when CONSUMER_SEND_MSG_BACK failed — goes to `%DLQ%<group>`
 * once its reconsume count reached the limit (the producer's header `l`, else the group's
 * retryMaxTimes), or at once while the group consumes orderly (holds queue locks,
 * docs/remoting-protocol.md#requests-the-broker-serves), since an
 * orderly consumer retries locally and a broker-side retry would break the order.
 */
export class RetryDlqSendHook implements SendMessageHook {
  readonly name = 'retry-dlq';

  constructor(
    private readonly groups: SubscriptionGroups,
    private readonly topics: TopicConfigs,
    private readonly locks: RebalanceLockManager,
  ) {}

  beforeStore(draft: SendMessageDraft): SendMessageHookVerdict {
    if (!isRetryTopic(draft.topic)) return CONTINUE;
    const groupName = consumerGroupOf(draft.topic) ?? '';
    const group = this.groups.findSubscriptionGroup(groupName);
    if (group === undefined)
      return { kind: 'reject', code: ResponseCode.SUBSCRIPTION_GROUP_NOT_EXIST, remark: `subscription group not exist, ${groupName}` };
    const maxReconsumeTimes = draft.maxReconsumeTimes ?? group.retryMaxTimes;
    const orderly = this.locks.hasLiveLocks(groupName);
    const destination = retryDestinationOf(group, {
      reconsumeTimes: orderly ? maxReconsumeTimes : draft.reconsumeTimes,
      maxReconsumeTimes,
      requestedLevel: 0,
      unitMode: false,
    });
    if (!destination.deadLetter) return CONTINUE;
    this.topics.createTopicInSendMessageBackMethod(destination.topic, destination.spec);
    const properties = parseMessageProperties(draft.properties);
    properties.delete(MessageConst.PROPERTY_DELAY_TIME_LEVEL);
    draft.topic = destination.topic;
    draft.queueId = 0;
    draft.properties = encodeMessageProperties(properties);
    return CONTINUE;
  }
}
