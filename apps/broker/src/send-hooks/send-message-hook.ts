import type { TopicConfig } from '@rocketmq-ts/model';

/**
 * A message on its way to the store, before the broker's routing rules ran. Hooks may replace
 * topic, queueId and properties: the schedule service moves `DELAY=<level>` messages to
 * SCHEDULE_TOPIC_XXXX (saving REAL_TOPIC/REAL_QID), the retry rule moves a `%RETRY%` message past
 * its maxReconsumeTimes to `%DLQ%<group>` (docs/remoting-protocol.md#requests-the-broker-serves steps 4 and 6).
 */
export interface SendMessageDraft {
  topic: string;
  queueId: number;
  properties: string;
  sysFlag: number;
  tagsCode: number;
  readonly reconsumeTimes: number;
  /** Header `l`/maxReconsumeTimes, when the producer sent one. */
  readonly maxReconsumeTimes: number | undefined;
  readonly topicConfig: TopicConfig;
  readonly producerGroup: string;
}

export type SendMessageHookVerdict =
  { readonly kind: 'continue' } | { readonly kind: 'reject'; readonly code: number; readonly remark: string };

/** Provided under SEND_MESSAGE_HOOKS (an array); runs in order for single (not batch) sends. */
export interface SendMessageHook {
  readonly name: string;
  beforeStore(draft: SendMessageDraft): SendMessageHookVerdict;
}

/** Injection token of `readonly SendMessageHook[]` (consumer-side providers list them in order). */
export const SEND_MESSAGE_HOOKS = Symbol('SEND_MESSAGE_HOOKS');

export const CONTINUE: SendMessageHookVerdict = Object.freeze({ kind: 'continue' });

/** Runs `hooks` in order on `draft`; the first refusal stops them. */
export function runSendHooks(hooks: readonly SendMessageHook[], draft: SendMessageDraft): SendMessageHookVerdict {
  for (const hook of hooks) {
    const verdict = hook.beforeStore(draft);
    if (verdict.kind === 'reject') return verdict;
  }
  return CONTINUE;
}
