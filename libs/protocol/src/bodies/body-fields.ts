import { isJavaLong, parseJavaLong, saturateToSafeInteger } from '@rocketmq-ts/base';

import { isJsonObject, JsonEntries, type JsonObject, type JsonValue } from '../json/json-value';
import { BodyError } from './body-error';

/**
 * Readers for decoded JSON bodies, lenient the way fastjson is when it binds JSON to a Java
 * bean (docs/remoting-protocol.md#lenient-bodies): unknown fields are ignored; null, "" and
 * "null" take the Java default the caller passes; numbers may arrive as numeric strings and
 * with a fraction (truncated, as a cast to int does); booleans as true/false in any case,
 * "1"/"0", "Y"/"N", "T"/"F" or a number (1 is true); strings as numbers or booleans.
 * Java `long` fields read as saturated numbers (`long`) or exact bigints (`exactLong`), see
 * docs/remoting-protocol.md#java-long-fields. Wrong shapes throw BodyError with a path.
 */
export class BodyReader {
  constructor(
    readonly bodyName: string,
    private readonly object: JsonObject,
    readonly path = '$',
  ) {}

  static of(bodyName: string, value: JsonValue, path = '$'): BodyReader {
    if (!isJsonObject(value)) throw new BodyError(bodyName, path, `expected an object, got ${describeJsonValue(value)}`);
    return new BodyReader(bodyName, value, path);
  }

  has(key: string): boolean {
    const value = this.raw(key);
    return value !== undefined && value !== null;
  }

  raw(key: string): JsonValue | undefined {
    return Object.hasOwn(this.object, key) ? this.object[key] : undefined;
  }

  child(key: string): BodyReader {
    return BodyReader.of(this.bodyName, this.raw(key) ?? {}, `${this.path}.${key}`);
  }

  string(key: string, fallback?: string): string {
    const value = this.raw(key);
    if (value === undefined || value === null) return this.orMissing(key, fallback);
    if (typeof value === 'string') return value;
    if (typeof value === 'number' || typeof value === 'bigint' || typeof value === 'boolean') return String(value);
    return this.fail(key, `expected a string, got ${describeJsonValue(value)}`);
  }

  optionalString(key: string): string | undefined {
    return this.has(key) ? this.string(key) : undefined;
  }

  /** A Java `int` (or a small long such as a queue id): a safe integer. */
  integer(key: string, fallback?: number): number {
    const value = this.raw(key);
    if (isAbsent(value)) return this.orMissing(key, fallback);
    const number = toSafeInteger(value);
    return number ?? this.fail(key, `expected an integer, got ${describeJsonValue(value)}`);
  }

  optionalInteger(key: string): number | undefined {
    return isAbsent(this.raw(key)) ? undefined : this.integer(key);
  }

  /** A quantity `long` (offset, timestamp, id): exact up to ±(2^53 − 1), saturated beyond. */
  long(key: string, fallback?: number): number {
    const value = this.raw(key);
    if (isAbsent(value)) return this.orMissing(key, fallback);
    return toQuantityLong(value) ?? this.fail(key, `expected a long, got ${describeJsonValue(value)}`);
  }

  /** A token `long` the broker compares and echoes (subVersion, DataVersion): exact. */
  exactLong(key: string, fallback?: bigint): bigint {
    const value = this.raw(key);
    if (isAbsent(value)) return this.orMissing(key, fallback);
    return toJavaLong(value) ?? this.fail(key, `expected a long, got ${describeJsonValue(value)}`);
  }

  boolean(key: string, fallback?: boolean): boolean {
    const value = this.raw(key);
    if (isAbsent(value)) return this.orMissing(key, fallback);
    const bool = toJavaBoolean(value);
    return bool ?? this.fail(key, `expected a boolean, got ${describeJsonValue(value)}`);
  }

  stringArray(key: string): string[] {
    const value = this.raw(key);
    if (value === undefined || value === null) return [];
    if (!Array.isArray(value)) return this.fail(key, `expected an array, got ${describeJsonValue(value)}`);
    return value.map((item, index) => {
      if (typeof item === 'string') return item;
      if (typeof item === 'number' || typeof item === 'bigint' || typeof item === 'boolean') return String(item);
      throw new BodyError(this.bodyName, `${this.path}.${key}[${index}]`, `expected a string, got ${describeJsonValue(item)}`);
    });
  }

  array(key: string): JsonValue[] {
    const value = this.raw(key);
    if (value === undefined || value === null) return [];
    if (!Array.isArray(value)) return this.fail(key, `expected an array, got ${describeJsonValue(value)}`);
    return value;
  }

  /** Entries of a map-valued field, whether it arrived with quoted, bare or object keys. */
  entries(key: string): Array<readonly [JsonValue, JsonValue]> {
    const value = this.raw(key);
    if (value === undefined || value === null) return [];
    if (value instanceof JsonEntries) return [...value.entries];
    if (isJsonObject(value)) return Object.entries(value);
    return this.fail(key, `expected an object, got ${describeJsonValue(value)}`);
  }

  /** Entries of a map-valued field whose keys must be scalars (bare numbers read as their text). */
  stringKeyedEntries(key: string): Array<readonly [string, JsonValue]> {
    return this.entries(key).map(([name, value]) => {
      if (typeof name === 'string') return [name, value] as const;
      if (typeof name === 'number' || typeof name === 'bigint') return [String(name), value] as const;
      return this.fail(key, `expected scalar keys, got ${describeJsonValue(name)}`);
    });
  }

  fail(key: string, problem: string): never {
    throw new BodyError(this.bodyName, `${this.path}.${key}`, problem);
  }

  private orMissing<T>(key: string, fallback: T | undefined): T {
    if (fallback === undefined) return this.fail(key, 'missing');
    return fallback;
  }
}

/** fastjson reads these as null, so the field keeps its Java default. */
function isAbsent(value: JsonValue | undefined): value is undefined | null | '' | 'null' | 'NULL' {
  return value === undefined || value === null || value === '' || value === 'null' || value === 'NULL';
}

/** An integer from a number (a fraction truncated), bigint or integer text, if it is a safe integer. */
export function toSafeInteger(value: JsonValue): number | undefined {
  let number: number;
  if (typeof value === 'number') number = Math.trunc(value);
  else if (typeof value === 'bigint') number = Number(value);
  else if (typeof value === 'string' && /^[+-]?\d+$/.test(value)) number = Number(value);
  else return undefined;
  return Number.isSafeInteger(number) ? number || 0 : undefined;
}

/** A Java long from a number (a fraction truncated), bigint or integer text; undefined outside the long range. */
export function toJavaLong(value: JsonValue): bigint | undefined {
  if (typeof value === 'bigint') return isJavaLong(value) ? value : undefined;
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) return undefined;
    const whole = BigInt(Math.trunc(value));
    return isJavaLong(whole) ? whole : undefined;
  }
  return typeof value === 'string' ? parseJavaLong(value) : undefined;
}

/** A quantity long (docs/remoting-protocol.md#java-long-fields): saturated at ±(2^53 − 1); undefined if not a long. */
export function toQuantityLong(value: JsonValue): number | undefined {
  if (typeof value === 'number' && Number.isSafeInteger(value)) return value || 0;
  const exact = toJavaLong(value);
  return exact === undefined ? undefined : saturateToSafeInteger(exact);
}

/** fastjson's cast to boolean: true/false in any case, 1/0, Y/N, T/F, and any number (1 is true). */
export function toJavaBoolean(value: JsonValue): boolean | undefined {
  if (typeof value === 'boolean') return value;
  if (typeof value === 'number') return value === 1;
  if (typeof value !== 'string') return undefined;
  const lower = value.toLowerCase();
  if (lower === 'true' || value === '1' || lower === 'y' || value === 'T') return true;
  if (lower === 'false' || value === '0' || lower === 'f' || value === 'N') return false;
  return undefined;
}

export function describeJsonValue(value: JsonValue | undefined): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (value instanceof JsonEntries) return 'an object with non-string keys';
  if (typeof value === 'object') return 'an object';
  return typeof value === 'string' ? `the string ${JSON.stringify(value.slice(0, 40))}` : `${typeof value} ${String(value)}`;
}
