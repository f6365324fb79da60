/**
 * What the lenient reader returns, and most of what the writer accepts.
 *
 * fastjson writes maps whose Java keys are not strings with the key as a JSON value
 * (`{0:"a"}`, `{{"brokerName":"b","queueId":0,"topic":"t"}:5}`). Bare numeric keys read into a
 * plain object under their text ("0"), so `{0:"a"}` and `{"0":"a"}` read the same. Objects
 * with object or array keys cannot be plain objects; they read as JsonEntries, in wire order.
 *
 * Integers beyond ±2^53 read as bigint rather than losing digits.
 */
export type JsonValue = null | boolean | number | bigint | string | JsonValue[] | JsonObject | JsonEntries;

export interface JsonObject {
  [key: string]: JsonValue;
}

/** A JSON object with at least one non-string key, or a map the writer must emit with raw keys. */
export class JsonEntries {
  constructor(readonly entries: ReadonlyArray<readonly [key: JsonValue, value: JsonValue]>) {}
}

export function isJsonObject(value: JsonValue | undefined): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof JsonEntries);
}

/** Sets a key on a plain object; `__proto__` becomes an own property rather than the prototype. */
export function setOwn(target: JsonObject, key: string, value: JsonValue): void {
  if (key === '__proto__') Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
  else target[key] = value;
}
