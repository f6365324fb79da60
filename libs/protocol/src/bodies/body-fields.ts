import { isJsonObject, JsonEntries, type JsonObject, type JsonValue } from '../json/json-value';
import { BodyError } from './body-error';

/**
 * Readers for decoded JSON bodies, lenient the way fastjson is when it binds JSON to a Java
 * bean: numbers may arrive as numeric strings, booleans as "true"/"false" or 0/1, a missing
 * field takes the Java default the caller passes. Wrong shapes throw BodyError with a path.
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

  integer(key: string, fallback?: number): number {
    const value = this.raw(key);
    if (value === undefined || value === null) return this.orMissing(key, fallback);
    const number = toSafeInteger(value);
    return number ?? this.fail(key, `expected an integer, got ${describeJsonValue(value)}`);
  }

  optionalInteger(key: string): number | undefined {
    return this.has(key) ? this.integer(key) : undefined;
  }

  boolean(key: string, fallback?: boolean): boolean {
    const value = this.raw(key);
    if (value === undefined || value === null) return this.orMissing(key, fallback);
    if (typeof value === 'boolean') return value;
    if (typeof value === 'string' && (value.toLowerCase() === 'true' || value.toLowerCase() === 'false')) return value.toLowerCase() === 'true';
    if (value === 0 || value === 1) return value === 1;
    return this.fail(key, `expected a boolean, got ${describeJsonValue(value)}`);
  }

  stringArray(key: string): string[] {
    const value = this.raw(key);
    if (value === undefined || value === null) return [];
    if (!Array.isArray(value)) return this.fail(key, `expected an array, got ${describeJsonValue(value)}`);
    return value.map((item, index) => {
      if (typeof item === 'string') return item;
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

/** An integer from a number, bigint or integer text, if it is a safe integer. */
export function toSafeInteger(value: JsonValue): number | undefined {
  let number: number;
  if (typeof value === 'number') number = value;
  else if (typeof value === 'bigint') number = Number(value);
  else if (typeof value === 'string' && /^[+-]?\d+$/.test(value)) number = Number(value);
  else return undefined;
  return Number.isSafeInteger(number) ? number : undefined;
}

export function describeJsonValue(value: JsonValue | undefined): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (value instanceof JsonEntries) return 'an object with non-string keys';
  if (typeof value === 'object') return 'an object';
  return typeof value === 'string' ? `the string ${JSON.stringify(value.slice(0, 40))}` : `${typeof value} ${String(value)}`;
}
