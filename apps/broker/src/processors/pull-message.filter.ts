import { javaStringHashCode } from '@rocketmq-ts/model';
import type { ConsumeQueueFilter } from '@rocketmq-ts/store';

import type { ConsumerSubscription } from './pull-message.ports';

/** `*` or empty: everything. */
export const SUB_ALL = '*';
const TAG_SEPARATOR = '||';

export type ParsedSubscription =
  | { readonly ok: true; readonly filter: ConsumeQueueFilter | undefined; readonly subVersion: bigint }
  | { readonly ok: false; readonly remark: string };

/** The tags of a tag expression (`A || B`), blanks dropped; empty for `*`. */
export function parseTagExpression(subString: string): string[] {
  const trimmed = subString.trim();
  if (trimmed === '' || trimmed === SUB_ALL) return [];
  return trimmed
    .split(TAG_SEPARATOR)
    .map((tag) => tag.trim())
    .filter((tag) => tag !== '');
}

/**
 * The consume-queue filter of a subscription: tags codes compared with each entry's tags hash, as
 * Java's ExpressionMessageFilter does. Undefined (no filter) for `*`. SQL92 needs the property
 * filter this broker does not have, so it is refused rather than silently matching everything.
 */
export function filterOf(subscription: Pick<ConsumerSubscription, 'subString' | 'expressionType' | 'codeSet' | 'subVersion'>): ParsedSubscription {
  const expressionType = subscription.expressionType === '' ? 'TAG' : subscription.expressionType.toUpperCase();
  if (expressionType !== 'TAG') {
    return { ok: false, remark: `The broker does not support consumer to filter message by ${subscription.expressionType}` };
  }
  const tags = parseTagExpression(subscription.subString);
  if (tags.length === 0) return { ok: true, filter: undefined, subVersion: subscription.subVersion };
  const codes = new Set(subscription.codeSet.length > 0 ? subscription.codeSet : tags.map(javaStringHashCode));
  for (const tag of tags) codes.add(javaStringHashCode(tag));
  return { ok: true, filter: (tagsCode) => codes.has(tagsCode), subVersion: subscription.subVersion };
}

/** The subscription a pull carries in its header (SUBSCRIPTION bit). */
export function filterOfHeader(subscription: string | undefined, expressionType: string | undefined, subVersion: bigint): ParsedSubscription {
  return filterOf({ subString: subscription ?? SUB_ALL, expressionType: expressionType ?? 'TAG', codeSet: [], subVersion });
}
