import { SQL92 } from '@rocketmq-ts/filter';
import { javaStringHashCode } from '@rocketmq-ts/model';
import { ResponseCode } from '@rocketmq-ts/protocol';
import type { CommitLogFilter, ConsumeQueueFilter } from '@rocketmq-ts/store';

import type { PropertyFilters } from './property-filters';
import type { ConsumerSubscription } from '../consumer/consumer.ports';

/** `*` or empty: everything. */
export const SUB_ALL = '*';
const TAG_SEPARATOR = '||';

export interface SubscriptionFilter {
  readonly ok: true;
  /** The consume-queue (tags hash) filter; undefined = every entry. */
  readonly filter: ConsumeQueueFilter | undefined;
  /** SQL92: evaluated on each record read; undefined for tag subscriptions. */
  readonly recordFilter: CommitLogFilter | undefined;
  /** SQL92: evaluated on an arriving message's properties to decide whether a parked pull wakes. */
  readonly propertyFilter: ((properties: string) => boolean) | undefined;
  readonly subVersion: bigint;
}

export type ParsedSubscription = SubscriptionFilter | { readonly ok: false; readonly code: number; readonly remark: string };

/** What SQL92 subscriptions need of the broker: `enablePropertyFilter` and the compiled expressions. */
export interface PropertyFilterSupport {
  readonly enabled: boolean;
  readonly filters: PropertyFilters;
}

/** The tags of a tag expression (`A || B`), blanks dropped; empty for `*`. */
export function parseTagExpression(subString: string): string[] {
  const trimmed = subString.trim();
  if (trimmed === '' || trimmed === SUB_ALL) return [];
  return trimmed
    .split(TAG_SEPARATOR)
    .map((tag) => tag.trim())
    .filter((tag) => tag !== '');
}

/** Java's ExpressionType.isTagType: absent, empty or TAG. */
export function isTagExpressionType(expressionType: string | undefined): boolean {
  return expressionType === undefined || expressionType === '' || expressionType.toUpperCase() === 'TAG';
}

/**
 * The filters of a subscription, as Java's ExpressionMessageFilter applies them. TAG: tags codes
 * compared with each entry's tags hash, none for `*`. SQL92: the compiled expression evaluated on
 * each record's properties (a bad expression is SUBSCRIPTION_PARSE_FAILED with its position), and
 * refused with Java's SYSTEM_ERROR remark while `enablePropertyFilter` is off.
 */
export function filterOf(
  subscription: Pick<ConsumerSubscription, 'subString' | 'expressionType' | 'codeSet' | 'subVersion'>,
  sql: PropertyFilterSupport,
): ParsedSubscription {
  const { subVersion, expressionType } = subscription;
  if (!isTagExpressionType(expressionType)) {
    if (expressionType !== SQL92)
      return { ok: false, code: ResponseCode.SUBSCRIPTION_PARSE_FAILED, remark: `unknown expression type ${expressionType}` };
    const compiled = sql.filters.compile(subscription.subString);
    if (!compiled.ok)
      return {
        ok: false,
        code: ResponseCode.SUBSCRIPTION_PARSE_FAILED,
        remark: `parse the consumer's subscription failed: ${compiled.remark}`,
      };
    if (!sql.enabled) return { ok: false, code: ResponseCode.SYSTEM_ERROR, remark: propertyFilterRefusal(expressionType) };
    const { matcher } = compiled;
    return { ok: true, filter: undefined, recordFilter: matcher.matchesRecord, propertyFilter: matcher.matchesProperties, subVersion };
  }
  const tags = parseTagExpression(subscription.subString);
  if (tags.length === 0) return { ok: true, filter: undefined, recordFilter: undefined, propertyFilter: undefined, subVersion };
  const codes = new Set(subscription.codeSet.length > 0 ? subscription.codeSet : tags.map(javaStringHashCode));
  for (const tag of tags) codes.add(javaStringHashCode(tag));
  return { ok: true, filter: (tagsCode) => codes.has(tagsCode), recordFilter: undefined, propertyFilter: undefined, subVersion };
}

/** The subscription a pull carries in its header (SUBSCRIPTION bit). */
export function filterOfHeader(
  subscription: string | undefined,
  expressionType: string | undefined,
  subVersion: bigint,
  sql: PropertyFilterSupport,
): ParsedSubscription {
  return filterOf({ subString: subscription ?? SUB_ALL, expressionType: expressionType ?? 'TAG', codeSet: [], subVersion }, sql);
}

/** Java's remark when a broker without enablePropertyFilter meets a non-tag subscription. */
export function propertyFilterRefusal(expressionType: string): string {
  return `The broker does not support consumer to filter message by ${expressionType}`;
}
