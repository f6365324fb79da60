import { JsonEntries } from './json-value';

/**
 * A JSON writer that produces what fastjson 1.x produces with RocketMQ's defaults (docs/remoting-protocol.md#json-bodies
 * ), so Java, GO and ali-ons parse our bodies as they parse a Java broker's:
 *
 *   plain object  -> bean: keys sorted by UTF-16 code units, null/undefined properties omitted
 *   Map           -> map: insertion order, null/undefined values omitted; a string key is
 *                    quoted, a number/bigint key is written bare (`{0:"a"}`), an object key is
 *                    written as an embedded object (`{{"queueId":0,...}:5}`)
 *   JsonEntries   -> like a Map (this is how the reader hands back object-keyed maps)
 *   array         -> elements in order, null/undefined written as null
 *   number        -> digits; NaN and ±Infinity as null (fastjson writes null for them)
 *
 * `STANDARD_JSON` gives the form the namesrv uses for route data to new clients (BrowserCompatible
 * + MapSortField): every key quoted, map keys sorted, non-ASCII escaped as \uXXXX.
 */
export type JsonWritable =
  | null
  | undefined
  | boolean
  | number
  | bigint
  | string
  | readonly JsonWritable[]
  | ReadonlyMap<JsonWritable, JsonWritable>
  | JsonEntries
  | { readonly [key: string]: JsonWritable };

export interface JsonWriteOptions {
  /** Write number and object map keys as strings ("0" instead of 0). */
  readonly quoteAllKeys?: boolean;
  /** Sort map entries by key (numbers numerically, strings by code units). */
  readonly sortMapKeys?: boolean;
  /** Escape every character above 0x7F as \uXXXX. */
  readonly asciiOnly?: boolean;
}

export const FASTJSON_DEFAULT: JsonWriteOptions = {};
export const STANDARD_JSON: JsonWriteOptions = { quoteAllKeys: true, sortMapKeys: true, asciiOnly: true };

export function writeJson(value: JsonWritable, options: JsonWriteOptions = FASTJSON_DEFAULT): string {
  const parts: string[] = [];
  writeValue(value, options, parts);
  return parts.join('');
}

export function writeJsonBuffer(value: JsonWritable, options: JsonWriteOptions = FASTJSON_DEFAULT): Buffer {
  return Buffer.from(writeJson(value, options), 'utf8');
}

function writeValue(value: JsonWritable, options: JsonWriteOptions, out: string[]): void {
  if (value === null || value === undefined) out.push('null');
  else if (typeof value === 'string') out.push(quoteString(value, options));
  else if (typeof value === 'number') out.push(Number.isFinite(value) ? String(value) : 'null');
  else if (typeof value === 'bigint' || typeof value === 'boolean') out.push(String(value));
  else if (isArray(value)) writeArray(value, options, out);
  else if (value instanceof Map || value instanceof JsonEntries) writeMap(mapEntries(value), options, out);
  else writeBean(value as { readonly [key: string]: JsonWritable }, options, out);
}

function writeArray(items: readonly JsonWritable[], options: JsonWriteOptions, out: string[]): void {
  out.push('[');
  for (let index = 0; index < items.length; index++) {
    if (index > 0) out.push(',');
    writeValue(items[index], options, out);
  }
  out.push(']');
}

function writeBean(bean: { readonly [key: string]: JsonWritable }, options: JsonWriteOptions, out: string[]): void {
  out.push('{');
  let first = true;
  for (const key of Object.keys(bean).sort()) {
    const value = bean[key];
    if (value === null || value === undefined) continue;
    if (!first) out.push(',');
    first = false;
    out.push(quoteString(key, options), ':');
    writeValue(value, options, out);
  }
  out.push('}');
}

function writeMap(entries: Array<readonly [JsonWritable, JsonWritable]>, options: JsonWriteOptions, out: string[]): void {
  if (options.sortMapKeys) entries.sort(compareEntryKeys);
  out.push('{');
  let first = true;
  for (const [key, value] of entries) {
    if (value === null || value === undefined) continue;
    if (!first) out.push(',');
    first = false;
    writeKey(key, options, out);
    out.push(':');
    writeValue(value, options, out);
  }
  out.push('}');
}

function writeKey(key: JsonWritable, options: JsonWriteOptions, out: string[]): void {
  if (typeof key === 'string') out.push(quoteString(key, options));
  else if (options.quoteAllKeys) out.push(quoteString(key === null || key === undefined ? 'null' : nestedText(key, options), options));
  else writeValue(key, options, out);
}

function nestedText(key: JsonWritable, options: JsonWriteOptions): string {
  const parts: string[] = [];
  writeValue(key, options, parts);
  return parts.join('');
}

function mapEntries(map: ReadonlyMap<JsonWritable, JsonWritable> | JsonEntries): Array<readonly [JsonWritable, JsonWritable]> {
  return map instanceof JsonEntries ? [...map.entries] : [...map.entries()];
}

function compareEntryKeys(left: readonly [JsonWritable, JsonWritable], right: readonly [JsonWritable, JsonWritable]): number {
  const [a, b] = [left[0], right[0]];
  if ((typeof a === 'number' || typeof a === 'bigint') && (typeof b === 'number' || typeof b === 'bigint'))
    return a < b ? -1 : a > b ? 1 : 0;
  const [textA, textB] = [keyText(a), keyText(b)];
  return textA < textB ? -1 : textA > textB ? 1 : 0;
}

function keyText(key: JsonWritable): string {
  return typeof key === 'string' ? key : nestedText(key, FASTJSON_DEFAULT);
}

function quoteString(text: string, options: JsonWriteOptions): string {
  const quoted = JSON.stringify(text);
  return options.asciiOnly ? quoted.replace(/[\u0080-\uffff]/g, escapeUnit) : quoted;
}

function escapeUnit(unit: string): string {
  return `\\u${unit.charCodeAt(0).toString(16).padStart(4, '0')}`;
}

function isArray(value: JsonWritable): value is readonly JsonWritable[] {
  return Array.isArray(value);
}
