/**
 * A reader for Java `.properties` text, the format of RocketMQ's broker.conf / namesrv.conf.
 *
 * What it keeps from java.util.Properties#load:
 *   - logical lines: a line ending in an odd number of backslashes continues on the next line,
 *     whose leading blanks are dropped;
 *   - comments: a line whose first non-blank character is `#` or `!` (a comment never continues);
 *   - separators: the key ends at the first unescaped `=`, `:` or blank; blanks around one `=`/`:`
 *     are skipped, so `k=v`, `k: v` and `k v` all mean the same;
 *   - escapes in keys and values: `\t \n \r \f`, `\uXXXX`, and `\x` meaning `x` for anything else;
 *   - a later duplicate key wins.
 * Where it differs on purpose: trailing blanks of a value are trimmed (unless escaped), because a
 * stray space after `listenPort=9876` is never intended; and a malformed `\u` escape is reported
 * with its line number instead of a bare IllegalArgumentException.
 */
import { at } from '@rocketmq-ts/base';

export class PropertiesSyntaxError extends Error {
  constructor(
    message: string,
    readonly lineNumber: number,
  ) {
    super(`line ${lineNumber}: ${message}`);
    this.name = 'PropertiesSyntaxError';
  }
}

export interface PropertyEntry {
  readonly key: string;
  readonly value: string;
  /** 1-based line where the entry's logical line starts. */
  readonly lineNumber: number;
}

const BLANKS = new Set([' ', '\t', '\f']);

/** Parses properties text into a key → value map (insertion order = first appearance). */
export function parseProperties(text: string): Map<string, string> {
  const result = new Map<string, string>();
  for (const entry of parsePropertyEntries(text)) result.set(entry.key, entry.value);
  return result;
}

/** Every entry in file order, duplicates included, with line numbers for error messages. */
export function parsePropertyEntries(text: string): PropertyEntry[] {
  const entries: PropertyEntry[] = [];
  for (const logical of logicalLines(text)) {
    entries.push(splitEntry(logical.text, logical.lineNumber));
  }
  return entries;
}

interface LogicalLine {
  text: string;
  lineNumber: number;
}

function logicalLines(text: string): LogicalLine[] {
  const physical = text.replace(/^\uFEFF/, '').split(/\r\n|\r|\n/);
  const lines: LogicalLine[] = [];
  let pending: LogicalLine | undefined;
  physical.forEach((raw, index) => {
    const stripped = stripLeadingBlanks(raw);
    if (pending === undefined) {
      if (stripped === '' || stripped.startsWith('#') || stripped.startsWith('!')) return;
      pending = { text: '', lineNumber: index + 1 };
    }
    if (endsWithContinuation(stripped)) {
      pending.text += stripped.slice(0, -1);
      return;
    }
    pending.text += stripped;
    lines.push(pending);
    pending = undefined;
  });
  if (pending !== undefined) lines.push(pending);
  return lines;
}

function stripLeadingBlanks(line: string): string {
  let start = 0;
  while (start < line.length && BLANKS.has(at(line, start, 'line characters'))) start++;
  return line.slice(start);
}

function endsWithContinuation(line: string): boolean {
  let backslashes = 0;
  for (let i = line.length - 1; i >= 0 && line[i] === '\\'; i--) backslashes++;
  return backslashes % 2 === 1;
}

function splitEntry(line: string, lineNumber: number): PropertyEntry {
  let keyEnd = 0;
  while (keyEnd < line.length) {
    const ch = at(line, keyEnd, 'line characters');
    if (ch === '\\') {
      keyEnd += 2;
      continue;
    }
    if (ch === '=' || ch === ':' || BLANKS.has(ch)) break;
    keyEnd++;
  }
  keyEnd = Math.min(keyEnd, line.length);
  let valueStart = keyEnd;
  while (valueStart < line.length && BLANKS.has(at(line, valueStart, 'line characters'))) valueStart++;
  if (valueStart < line.length && (line[valueStart] === '=' || line[valueStart] === ':')) valueStart++;
  while (valueStart < line.length && BLANKS.has(at(line, valueStart, 'line characters'))) valueStart++;
  const key = unescape(line.slice(0, keyEnd), lineNumber).text;
  const value = unescape(line.slice(valueStart), lineNumber);
  return { key, value: trimUnescapedTail(value), lineNumber };
}

interface Unescaped {
  text: string;
  /** Length of the prefix that ends with the last escaped character; trimming stops there. */
  protectedLength: number;
}

function unescape(raw: string, lineNumber: number): Unescaped {
  let text = '';
  let protectedLength = 0;
  for (let i = 0; i < raw.length; i++) {
    const ch = at(raw, i, 'raw characters');
    if (ch !== '\\') {
      text += ch;
      continue;
    }
    i++;
    if (i >= raw.length) break; // a lone trailing backslash (end of input) means nothing
    const escaped = at(raw, i, 'raw characters');
    if (escaped === 'u') {
      const hex = raw.slice(i + 1, i + 5);
      if (!/^[0-9a-fA-F]{4}$/.test(hex)) throw new PropertiesSyntaxError(`malformed \\uXXXX escape "\\u${hex}"`, lineNumber);
      text += String.fromCharCode(Number.parseInt(hex, 16));
      i += 4;
    } else {
      text += ESCAPES[escaped] ?? escaped;
    }
    protectedLength = text.length;
  }
  return { text, protectedLength };
}

const ESCAPES: Readonly<Record<string, string>> = { t: '\t', n: '\n', r: '\r', f: '\f' };

function trimUnescapedTail(value: Unescaped): string {
  let end = value.text.length;
  while (end > value.protectedLength && /\s/.test(at(value.text, end - 1, 'value characters'))) end--;
  return value.text.slice(0, end);
}
