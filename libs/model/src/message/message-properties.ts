/**
 * The properties string of a message (docs/remoting-protocol.md#message-records): SEND header `i`, batch inner records and
 * the PROPERTIES field of every stored record.
 *
 *   properties := ( name U+0001 value U+0002 )*        note the U+0002 after the last pair too
 *
 * Parsing follows Java's `string2messageProperties`: split on U+0002, split each segment at its
 * first U+0001, and silently drop segments with an empty name or an empty value. That also
 * accepts what ali-ons writes: a missing final U+0002, and `TAGS` holding the literal text `null`
 * for a message created without a tag (kept as the 4-character value, as Java keeps it). A value
 * may contain U+0001; a later duplicate name wins.
 */
import { MessageEncodeError } from './model-errors';

export const NAME_VALUE_SEPARATOR = '\u0001';
export const PROPERTY_SEPARATOR = '\u0002';

export type MessagePropertiesInput = ReadonlyMap<string, string | undefined> | Readonly<Record<string, string | undefined>>;

/**
 * Encodes properties in insertion order, skipping undefined values like Java skips nulls. Throws
 * MessageEncodeError for a name holding U+0001/U+0002 or a value holding U+0002, which would
 * silently become different properties on the other side.
 */
export function encodeMessageProperties(properties: MessagePropertiesInput): string {
  const entries = properties instanceof Map ? properties.entries() : Object.entries(properties);
  let text = '';
  for (const [name, value] of entries as Iterable<[string, string | undefined]>) {
    if (value === undefined) continue;
    if (name.includes(NAME_VALUE_SEPARATOR) || name.includes(PROPERTY_SEPARATOR) || value.includes(PROPERTY_SEPARATOR)) {
      throw new MessageEncodeError(`property ${JSON.stringify(name)} holds a separator character`);
    }
    text += name + NAME_VALUE_SEPARATOR + value + PROPERTY_SEPARATOR;
  }
  return text;
}

/** Parses properties text, or its UTF-8 bytes (a record's `properties` view). */
export function parseMessageProperties(properties: string | Uint8Array): Map<string, string> {
  const text =
    typeof properties === 'string' ? properties : Buffer.from(properties.buffer, properties.byteOffset, properties.length).toString('utf8');
  const parsed = new Map<string, string>();
  let start = 0;
  while (start < text.length) {
    let segmentEnd = text.indexOf(PROPERTY_SEPARATOR, start);
    if (segmentEnd < 0) segmentEnd = text.length;
    const separator = text.indexOf(NAME_VALUE_SEPARATOR, start);
    // Non-empty name (separator after start) and non-empty value (separator before the last char).
    if (separator > start && separator < segmentEnd - 1) {
      parsed.set(text.slice(start, separator), text.slice(separator + 1, segmentEnd));
    }
    start = segmentEnd + 1;
  }
  return parsed;
}

/**
 * One property's value without building the map (the store's dispatch reads TAGS, KEYS and
 * UNIQ_KEY of every record). Same rules as `parseMessageProperties`, including last-wins.
 */
export function findMessageProperty(text: string, name: string): string | undefined {
  if (name === '') return undefined;
  const needle = name + NAME_VALUE_SEPARATOR;
  let found: string | undefined;
  let start = 0;
  while (start < text.length) {
    let segmentEnd = text.indexOf(PROPERTY_SEPARATOR, start);
    if (segmentEnd < 0) segmentEnd = text.length;
    if (segmentEnd - start > needle.length && text.startsWith(needle, start)) {
      found = text.slice(start + needle.length, segmentEnd);
    }
    start = segmentEnd + 1;
  }
  return found;
}
