import { parseJavaLong, parseQuantityLong } from '@rocketmq-ts/base';

import type { ExtFields } from '../command/remoting-command';
import { HeaderError } from './header-error';

/**
 * How a header field's text is read. The codecs built from field lists (header-codec.ts) use the
 * parse functions; the require/optional readers take one field straight from extFields, for code
 * that reads a single key. Parsing follows Java's `decodeCommandCustomHeader`: Integer.parseInt /
 * Long.parseLong (optional sign, ASCII digits, nothing else) and Boolean.parseBoolean (only "true", any case, is true).
 *
 * Java longs come in two kinds (docs/remoting-protocol.md#java-long-fields): quantities (offsets,
 * timestamps, timeouts, ids) read as numbers saturated at ±(2^53 − 1) (`requireLong`), tokens the
 * broker only compares and echoes (subVersion) read as exact bigints (`requireExactLong`). Both
 * accept the whole long range, as Long.parseLong does.
 */

const INTEGER_TEXT = /^[+-]?\d+$/;
const INT32_MIN = -2147483648;
const INT32_MAX = 2147483647;

export function requireString(ext: ExtFields | undefined, field: string, headerName: string): string {
  const value = ext?.[field];
  if (value === undefined) throw new HeaderError(headerName, field, 'missing');
  return value;
}

export function optionalString(ext: ExtFields | undefined, field: string): string | undefined {
  return ext?.[field];
}

export function requireInt(ext: ExtFields | undefined, field: string, headerName: string): number {
  return parseInt32(requireString(ext, field, headerName), field, headerName);
}

export function optionalInt(ext: ExtFields | undefined, field: string, headerName: string): number | undefined {
  const text = ext?.[field];
  return text === undefined ? undefined : parseInt32(text, field, headerName);
}

export function requireLong(ext: ExtFields | undefined, field: string, headerName: string): number {
  return parseLong(requireString(ext, field, headerName), field, headerName);
}

export function optionalLong(ext: ExtFields | undefined, field: string, headerName: string): number | undefined {
  const text = ext?.[field];
  return text === undefined ? undefined : parseLong(text, field, headerName);
}

export function requireExactLong(ext: ExtFields | undefined, field: string, headerName: string): bigint {
  return parseExactLong(requireString(ext, field, headerName), field, headerName);
}

export function optionalExactLong(ext: ExtFields | undefined, field: string, headerName: string): bigint | undefined {
  const text = ext?.[field];
  return text === undefined ? undefined : parseExactLong(text, field, headerName);
}

export function requireBoolean(ext: ExtFields | undefined, field: string, headerName: string): boolean {
  return parseJavaBoolean(requireString(ext, field, headerName));
}

export function optionalBoolean(ext: ExtFields | undefined, field: string): boolean | undefined {
  const text = ext?.[field];
  return text === undefined ? undefined : parseJavaBoolean(text);
}

/** Java's Boolean.parseBoolean: "true" in any case is true, every other string is false. */
export function parseJavaBoolean(text: string): boolean {
  return text.length === 4 && text.toLowerCase() === 'true';
}

export function parseInt32(text: string, field: string, headerName: string): number {
  if (!INTEGER_TEXT.test(text)) throw new HeaderError(headerName, field, `not an integer: ${quote(text)}`);
  const value = Number(text);
  if (value < INT32_MIN || value > INT32_MAX) throw new HeaderError(headerName, field, `outside int32: ${quote(text)}`);
  return value === 0 ? 0 : value; // "-0" parses to 0, as in Java, not to JavaScript's -0
}

/** A quantity long: exact up to ±(2^53 − 1), saturated beyond, an error outside Java's long range. */
export function parseLong(text: string, field: string, headerName: string): number {
  const value = parseQuantityLong(text);
  if (value === undefined) throw longError(text, field, headerName);
  return value;
}

/** A token long, exact over Java's whole long range. */
export function parseExactLong(text: string, field: string, headerName: string): bigint {
  const value = parseJavaLong(text);
  if (value === undefined) throw longError(text, field, headerName);
  return value;
}

function longError(text: string, field: string, headerName: string): HeaderError {
  return new HeaderError(
    headerName,
    field,
    INTEGER_TEXT.test(text) ? `outside the long range: ${quote(text)}` : `not an integer: ${quote(text)}`,
  );
}

/** Error text shows at most 40 characters of a hostile value. */
function quote(text: string): string {
  return JSON.stringify(text.length > 40 ? `${text.slice(0, 40)}…` : text);
}
