/**
 * Topic name rules the broker applies to SEND and topic creation (docs/remoting-protocol.md#requests-the-broker-serves point 1):
 * characters `[%|a-zA-Z0-9_-]`, at most 127 bytes, or 255 for `%RETRY%`/`%DLQ%` topics whose
 * group name already uses most of the room. The characters are ASCII, so bytes = characters.
 */
import { isDlqTopic, isRetryTopic } from './topic-names';

export const TOPIC_MAX_BYTES = 127;
export const RETRY_OR_DLQ_TOPIC_MAX_BYTES = 255;

export type TopicValidation = { readonly valid: true } | { readonly valid: false; readonly reason: string };

const VALID: TopicValidation = Object.freeze({ valid: true });

/** One bit per ASCII code: set when the character may appear in a topic or group name. */
const ALLOWED_CHARS: Uint8Array = (() => {
  const allowed = new Uint8Array(128);
  for (const char of '%|_-') allowed[char.charCodeAt(0)] = 1;
  for (let code = 0; code < 128; code++) {
    const char = String.fromCharCode(code);
    if ((char >= '0' && char <= '9') || (char >= 'a' && char <= 'z') || (char >= 'A' && char <= 'Z')) allowed[code] = 1;
  }
  return allowed;
})();

/** True when every character is in `[%|a-zA-Z0-9_-]` (also the rule for group names). */
export function hasOnlyValidNameChars(name: string): boolean {
  for (let i = 0; i < name.length; i++) {
    const code = name.charCodeAt(i);
    if (code >= 128 || ALLOWED_CHARS[code] !== 1) return false;
  }
  return true;
}

export function validateTopic(topic: string): TopicValidation {
  if (topic.trim() === '') return { valid: false, reason: 'topic name is blank' };
  if (!hasOnlyValidNameChars(topic)) {
    return { valid: false, reason: `topic name ${JSON.stringify(topic)} has characters outside [%|a-zA-Z0-9_-]` };
  }
  const limit = isRetryTopic(topic) || isDlqTopic(topic) ? RETRY_OR_DLQ_TOPIC_MAX_BYTES : TOPIC_MAX_BYTES;
  if (topic.length > limit) return { valid: false, reason: `topic name is ${topic.length} bytes long; the limit is ${limit}` };
  return VALID;
}
