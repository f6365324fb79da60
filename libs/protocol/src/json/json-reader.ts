import { at } from '@rocketmq-ts/base';

import { ProtocolError } from '../command/protocol-error';
import { JsonEntries, type JsonObject, type JsonValue, setOwn } from './json-value';

/**
 * A lenient JSON reader for what fastjson writes and accepts. Grammar, beyond RFC 8259:
 *
 *   key     := string | number | identifier | object | array     (`{0:"a"}`, `{{"q":0}:5}`, `{topic:"t"}`)
 *              scalar keys always read as their text, also inside JsonEntries
 *   string  := '"' chars '"' | "'" chars "'"                    (single quotes, `\'` escape)
 *   integer literals beyond ±2^53 read as bigint
 *
 * Anything else, nesting deeper than MAX_JSON_DEPTH, or bytes after the value throws a
 * ProtocolError naming the offset; no other exception escapes (the depth cap keeps hostile input
 * away from the call-stack limit).
 */
export const MAX_JSON_DEPTH = 512;

export function readJson(input: string | Buffer): JsonValue {
  const text = typeof input === 'string' ? input : input.toString('utf8');
  const reader = new Reader(text);
  reader.skipSpace();
  const value = reader.readValue(0);
  reader.skipSpace();
  if (reader.at < text.length) reader.fail('unexpected text after the value');
  return value;
}

const IDENTIFIER_START = /[A-Za-z_$]/;
const IDENTIFIER_PART = /[A-Za-z0-9_$]/;
const NUMBER = /-?(?:\d+)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;

class Reader {
  at = 0;

  constructor(private readonly text: string) {}

  fail(problem: string): never {
    throw new ProtocolError(`bad JSON at offset ${this.at}: ${problem}`);
  }

  skipSpace(): void {
    const text = this.text;
    while (this.at < text.length) {
      const unit = text.charCodeAt(this.at);
      if (unit !== 0x20 && unit !== 0x0a && unit !== 0x0d && unit !== 0x09) return;
      this.at++;
    }
  }

  readValue(depth: number): JsonValue {
    if (depth > MAX_JSON_DEPTH) this.fail(`nesting deeper than ${MAX_JSON_DEPTH}`);
    const unit = this.text[this.at];
    switch (unit) {
      case '{':
        return this.readObject(depth);
      case '[':
        return this.readArray(depth);
      case '"':
      case "'":
        return this.readString(unit);
      case 't':
        return this.readWord('true', true);
      case 'f':
        return this.readWord('false', false);
      case 'n':
        return this.readWord('null', null);
      case undefined:
        return this.fail('unexpected end of input');
      default:
        if (unit === '-' || (unit >= '0' && unit <= '9')) return this.readNumber().value;
        return this.fail(`unexpected character ${JSON.stringify(unit)}`);
    }
  }

  private readObject(depth: number): JsonObject | JsonEntries {
    this.at++; // {
    const plain: JsonObject = {};
    const keyOrder: string[] = [];
    let entries: Array<readonly [JsonValue, JsonValue]> | undefined;
    this.skipSpace();
    if (this.text[this.at] === '}') {
      this.at++;
      return plain;
    }
    for (;;) {
      this.skipSpace();
      const key = this.readKey(depth);
      this.skipSpace();
      if (this.text[this.at] !== ':') this.fail('expected ":" after an object key');
      this.at++;
      this.skipSpace();
      const value = this.readValue(depth + 1);
      if (entries === undefined && typeof key.value !== 'object') {
        if (!Object.hasOwn(plain, key.text)) keyOrder.push(key.text);
        setOwn(plain, key.text, value);
      } else {
        // Plain objects list integer-like keys first; JsonEntries keeps the wire order.
        entries ??= keyOrder.map((name) => [name, plain[name] ?? null] as const);
        entries.push([typeof key.value === 'object' ? key.value : key.text, value]);
      }
      this.skipSpace();
      const separator = this.text[this.at];
      this.at++;
      if (separator === '}') return entries === undefined ? plain : new JsonEntries(entries);
      if (separator !== ',') {
        this.at--;
        this.fail('expected "," or "}" in an object');
      }
    }
  }

  /** `text` is the key as a plain-object property; `value` is what JsonEntries keeps. */
  private readKey(depth: number): { text: string; value: JsonValue } {
    const unit = this.text[this.at];
    if (unit === '"' || unit === "'") {
      const text = this.readString(unit);
      return { text, value: text };
    }
    if (unit === '-' || (unit !== undefined && unit >= '0' && unit <= '9')) {
      const number = this.readNumber();
      return { text: number.text, value: number.value };
    }
    if (unit === '{' || unit === '[') {
      const value = this.readValue(depth + 1);
      return { text: '', value };
    }
    if (unit !== undefined && IDENTIFIER_START.test(unit)) {
      const start = this.at;
      while (this.at < this.text.length && IDENTIFIER_PART.test(at(this.text, this.at, 'json text'))) this.at++;
      const text = this.text.slice(start, this.at);
      return { text, value: text };
    }
    return this.fail('expected an object key');
  }

  private readArray(depth: number): JsonValue[] {
    this.at++; // [
    const items: JsonValue[] = [];
    this.skipSpace();
    if (this.text[this.at] === ']') {
      this.at++;
      return items;
    }
    for (;;) {
      this.skipSpace();
      items.push(this.readValue(depth + 1));
      this.skipSpace();
      const separator = this.text[this.at];
      this.at++;
      if (separator === ']') return items;
      if (separator !== ',') {
        this.at--;
        this.fail('expected "," or "]" in an array');
      }
    }
  }

  private readString(quote: string): string {
    const text = this.text;
    const start = ++this.at;
    let end = start;
    // Fast path: no escapes, one slice.
    while (end < text.length && text[end] !== quote && text[end] !== '\\') end++;
    if (text[end] === quote) {
      this.at = end + 1;
      return text.slice(start, end);
    }
    const parts: string[] = [text.slice(start, end)];
    this.at = end;
    for (;;) {
      const unit = text[this.at];
      if (unit === undefined) return this.fail('unterminated string');
      this.at++;
      if (unit === quote) return parts.join('');
      if (unit !== '\\') {
        parts.push(unit);
        continue;
      }
      parts.push(this.readEscape());
    }
  }

  private readEscape(): string {
    const unit = this.text[this.at];
    this.at++;
    switch (unit) {
      case '"':
      case "'":
      case '\\':
      case '/':
        return unit;
      case 'b':
        return '\b';
      case 'f':
        return '\f';
      case 'n':
        return '\n';
      case 'r':
        return '\r';
      case 't':
        return '\t';
      case 'u': {
        const hex = this.text.slice(this.at, this.at + 4);
        if (!/^[0-9a-fA-F]{4}$/.test(hex)) this.fail('bad \\u escape');
        this.at += 4;
        return String.fromCharCode(parseInt(hex, 16));
      }
      default:
        this.at--;
        return this.fail(`bad escape ${JSON.stringify(unit ?? '')}`);
    }
  }

  private readNumber(): { text: string; value: number | bigint } {
    NUMBER.lastIndex = this.at;
    const match = NUMBER.exec(this.text);
    if (match === null) return this.fail('bad number');
    const text = match[0];
    this.at += text.length;
    const value = Number(text);
    if (Number.isInteger(value) && !Number.isSafeInteger(value) && /^-?\d+$/.test(text)) return { text, value: BigInt(text) };
    return { text, value: value === 0 ? 0 : value };
  }

  private readWord<T extends JsonValue>(word: string, value: T): T {
    if (!this.text.startsWith(word, this.at)) this.fail(`expected ${word}`);
    this.at += word.length;
    return value;
  }
}
