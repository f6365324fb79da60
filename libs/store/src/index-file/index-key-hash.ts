/**
 * The hash an index key is filed under (docs/store-and-ha.md#index-file, docs/store-and-ha.md#files-and-io): Java's String.hashCode of
 * `topic + "#" + key`, then Math.abs, where abs(Integer.MIN_VALUE) stays negative and maps to 0.
 *
 * It is computed over the pieces in place, so indexing a message builds no key strings.
 */
const HASH_SEPARATOR = '#'.charCodeAt(0);

/** Hash of `topic#text[start, end)`. */
export function indexKeyHash(topic: string, text: string, start = 0, end = text.length): number {
  let hash = 0;
  for (let i = 0; i < topic.length; i++) hash = (Math.imul(hash, 31) + topic.charCodeAt(i)) | 0;
  hash = (Math.imul(hash, 31) + HASH_SEPARATOR) | 0;
  for (let i = start; i < end; i++) hash = (Math.imul(hash, 31) + text.charCodeAt(i)) | 0;
  // Math.abs(-2^31) is 2^31 in JavaScript, but Java keeps it at -2^31: a negative hash files under 0.
  return hash === -0x80000000 ? 0 : Math.abs(hash);
}
