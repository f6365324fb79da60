import { hasOnlyValidNameChars, validateTopic } from '@rocketmq-ts/model';
import { z } from 'zod';

import { ProblemError, validationProblem } from './problem';

/**
 * Input checks shared by the resources: every path, query and body value is parsed here before
 * any admin call, so a bad name, a huge page or a malformed id is a 400 that never reaches a
 * broker (docs/console.md#validation).
 */
export function parse<T>(schema: z.ZodType<T>, value: unknown, where: 'path' | 'query' | 'body'): T {
  const result = schema.safeParse(value ?? {});
  if (result.success) return result.data;
  const answer = validationProblem(result.error, where);
  throw new ProblemError(400, answer.code, answer.detail, { errors: answer.errors });
}

export const topicName = z.string().superRefine((topic, context) => {
  const verdict = validateTopic(topic);
  if (!verdict.valid) context.addIssue({ code: 'custom', message: verdict.reason });
});

/** Group names follow the topic character rule, at most 255 characters (Java's Validators.checkGroup). */
export const groupName = z
  .string()
  .min(1, 'group name is blank')
  .max(255, 'group name is longer than 255 characters')
  .refine(hasOnlyValidNameChars, 'group name has characters outside [%|a-zA-Z0-9_-]');

export const clusterName = z.string().regex(/^[A-Za-z0-9_.-]{1,127}$/, 'a cluster name is 1-127 letters, digits, _ . -');
export const brokerName = z.string().regex(/^[A-Za-z0-9_.%|-]{1,127}$/, 'a broker name is 1-127 letters, digits, _ . - % |');
/** `ip:port` of a broker; that it belongs to the cluster is checked against the name server's list. */
export const brokerAddr = z.string().regex(/^[0-9A-Za-z.:[\]-]{3,253}:\d{1,5}$/, 'a broker address is host:port');
/** offsetMsgId or UNIQ_KEY: 32 hex digits (IPv4) or 40 (IPv6 store host). */
export const messageId = z.string().regex(/^(?:[0-9A-Fa-f]{32}|[0-9A-Fa-f]{40})$/, 'a message id is 32 or 40 hex digits');
export const timestampMs = z.coerce.number().int().min(0).max(8_640_000_000_000_000);
export const queueId = z.coerce.number().int().min(0).max(65_535);

export const MAX_PAGE_SIZE = 500;
export const paging = {
  limit: z.coerce.number().int().min(1).max(MAX_PAGE_SIZE, `limit is at most ${MAX_PAGE_SIZE}`).default(50),
  offset: z.coerce.number().int().min(0).max(10_000_000).default(0),
};

export interface Page<T> {
  readonly items: readonly T[];
  readonly total: number;
  readonly offset: number;
  readonly limit: number;
  /** The offset of the next page; absent on the last one. */
  readonly nextOffset?: number;
}

export function pageOf<T>(all: readonly T[], offset: number, limit: number): Page<T> {
  const items = all.slice(offset, offset + limit);
  const next = offset + items.length;
  return next < all.length ? { items, total: all.length, offset, limit, nextOffset: next } : { items, total: all.length, offset, limit };
}
