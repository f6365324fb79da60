// Proves topic-name validation (docs/remoting-protocol.md#requests-the-broker-serves) and the system / retry / DLQ topic helpers.
import { describe, expect, it } from 'vitest';

import {
  AUTO_CREATE_TOPIC_KEY_TOPIC,
  consumerGroupOf,
  dlqTopicOf,
  isDlqTopic,
  isLmqTopic,
  isNotAllowedSendTopic,
  isRetryTopic,
  isSystemTopic,
  retryTopicOf,
  RMQ_SYS_SCHEDULE_TOPIC,
  RMQ_SYS_TRANS_HALF_TOPIC,
  RMQ_SYS_WHEEL_TIMER_TOPIC,
} from './topic-names';
import { hasOnlyValidNameChars, validateTopic } from './topic-validator';

const reasonOf = (topic: string): string | undefined => {
  const result = validateTopic(topic);
  return result.valid ? undefined : result.reason;
};

describe('Model > topic > validation', () => {
  it.each(['TopicTest', 'a', 'A-b_c|d%e', '%RETRY%group', 't'.repeat(127)])('accepts %j', (topic) => {
    expect(validateTopic(topic)).toEqual({ valid: true });
  });

  it.each([
    ['', /blank/],
    ['   ', /blank/],
    ['topic.with.dots', /characters/],
    ['标签', /characters/],
    ['with space', /characters/],
    ['t'.repeat(128), /128 bytes.*127/],
    [`%RETRY%${'g'.repeat(249)}`, /256 bytes.*255/],
  ])('rejects %j with a reason', (topic, reason) => {
    expect(reasonOf(topic)).toMatch(reason);
  });

  it('allows %RETRY% and %DLQ% topics up to 255 bytes', () => {
    expect(validateTopic(`%RETRY%${'g'.repeat(248)}`).valid).toBe(true);
    expect(validateTopic(`%DLQ%${'g'.repeat(250)}`).valid).toBe(true);
  });

  it('shares the character rule with group names', () => {
    expect(hasOnlyValidNameChars('please_rename_unique_group_name')).toBe(true);
    expect(hasOnlyValidNameChars('group/1')).toBe(false);
  });
});

describe('Model > topic > names', () => {
  it('knows the system topics and which of them refuse sends', () => {
    expect(isSystemTopic(AUTO_CREATE_TOPIC_KEY_TOPIC)).toBe(true);
    expect(isSystemTopic(RMQ_SYS_WHEEL_TIMER_TOPIC)).toBe(true);
    expect(isSystemTopic('rmq_sys_REVIVE_LOG_DefaultCluster')).toBe(true);
    expect(isSystemTopic('TopicTest')).toBe(false);
    expect(isNotAllowedSendTopic(RMQ_SYS_SCHEDULE_TOPIC)).toBe(true);
    expect(isNotAllowedSendTopic(RMQ_SYS_TRANS_HALF_TOPIC)).toBe(true);
    expect(isNotAllowedSendTopic(AUTO_CREATE_TOPIC_KEY_TOPIC)).toBe(false);
  });

  it('builds and recognises retry and DLQ topics', () => {
    expect(retryTopicOf('cg')).toBe('%RETRY%cg');
    expect(dlqTopicOf('cg')).toBe('%DLQ%cg');
    expect([isRetryTopic('%RETRY%cg'), isDlqTopic('%DLQ%cg'), isRetryTopic('cg'), isLmqTopic('%LMQ%q1')]).toEqual([
      true,
      true,
      false,
      true,
    ]);
    expect(consumerGroupOf('%RETRY%cg')).toBe('cg');
    expect(consumerGroupOf('%DLQ%cg')).toBe('cg');
    expect(consumerGroupOf('TopicTest')).toBeUndefined();
  });
});
