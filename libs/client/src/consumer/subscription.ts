import { javaStringHashCode, retryTopicOf } from '@rocketmq-ts/model';
import type { SubscriptionData } from '@rocketmq-ts/protocol';

import { MQClientError } from '../errors';

/** Java's SubscriptionData.SUB_ALL. */
export const SUB_ALL = '*';

/**
 * A tag expression (`*`, `TagA || TagB`) as the heartbeat carries it: the tags and their Java
 * String.hashCode values (the broker filters by hash), `subVersion` = when it was made.
 */
export function buildSubscription(topic: string, subExpression: string | undefined, subVersion: bigint): SubscriptionData {
  const expression = subExpression?.trim() ?? '';
  if (expression === '' || expression === SUB_ALL) {
    return { topic, subString: SUB_ALL, tagsSet: [], codeSet: [], subVersion, expressionType: 'TAG', classFilterMode: false };
  }
  const tags = [...new Set(expression.split('||').map((tag) => tag.trim()).filter((tag) => tag.length > 0))];
  if (tags.length === 0) throw new MQClientError(`subscription expression "${subExpression}" names no tag`, { retriable: false });
  return { topic, subString: expression, tagsSet: tags, codeSet: tags.map(javaStringHashCode), subVersion, expressionType: 'TAG', classFilterMode: false };
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
