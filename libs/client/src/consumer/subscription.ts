import { javaStringHashCode, retryTopicOf } from '@rocketmq-ts/model';
import type { SubscriptionData } from '@rocketmq-ts/protocol';

import { MQClientError } from '../errors';

/** Java's SubscriptionData.SUB_ALL. */
export const SUB_ALL = '*';

/**
 * What a consumer subscribes with (Java's MessageSelector): a tag expression (`*`, `TagA || TagB`,
 * as a string or `{ tag }`), or an SQL92 expression over the message's properties (`{ sql }`,
 * TAGS included), evaluated by the broker, which needs `enablePropertyFilter=true`.
 */
export type MessageSelector = string | { readonly tag: string } | { readonly sql: string };

/** RocketMQ's expression type names (ExpressionType). */
export const EXPRESSION_TYPE_TAG = 'TAG';
export const EXPRESSION_TYPE_SQL92 = 'SQL92';

/**
 * A subscription as the heartbeat carries it. Tags: the tags and their Java String.hashCode
 * values (the broker filters by hash). SQL92: the expression as written, no tags (nothing is
 * filtered on this side, as in Java). `subVersion` = when it was made.
 */
export function buildSubscription(topic: string, selector: MessageSelector | undefined, subVersion: bigint): SubscriptionData {
  if (typeof selector === 'object' && 'sql' in selector) {
    if (selector.sql.trim() === '') throw new MQClientError('an SQL92 selector needs an expression', { retriable: false });
    return {
      topic,
      subString: selector.sql,
      tagsSet: [],
      codeSet: [],
      subVersion,
      expressionType: EXPRESSION_TYPE_SQL92,
      classFilterMode: false,
    };
  }
  const subExpression = typeof selector === 'object' ? selector.tag : selector;
  const expression = subExpression?.trim() ?? '';
  if (expression === '' || expression === SUB_ALL) {
    return { topic, subString: SUB_ALL, tagsSet: [], codeSet: [], subVersion, expressionType: 'TAG', classFilterMode: false };
  }
  const tags = [
    ...new Set(
      expression
        .split('||')
        .map((tag) => tag.trim())
        .filter((tag) => tag.length > 0),
    ),
  ];
  if (tags.length === 0) throw new MQClientError(`subscription expression "${subExpression}" names no tag`, { retriable: false });
  return {
    topic,
    subString: expression,
    tagsSet: tags,
    codeSet: tags.map(javaStringHashCode),
    subVersion,
    expressionType: 'TAG',
    classFilterMode: false,
  };
}

/** Java's ExpressionType.isTagType. */
export function isTagSubscription(subscription: SubscriptionData): boolean {
  return subscription.expressionType === '' || subscription.expressionType === EXPRESSION_TYPE_TAG;
}

/** Every tag of a retried message is accepted: the retry topic only holds this group's own failures. */
export function retrySubscription(consumerGroup: string, subVersion: bigint): SubscriptionData {
  return buildSubscription(retryTopicOf(consumerGroup), SUB_ALL, subVersion);
}

/**
 * The client-side tag check Java repeats after the broker's hash filter: two tags with the same
 * hash both pass the broker, only the subscribed one passes here.
 */
export function tagMatches(subscription: SubscriptionData, tags: string | undefined): boolean {
  if (subscription.tagsSet.length === 0) return true;
  return tags !== undefined && subscription.tagsSet.includes(tags);
}
