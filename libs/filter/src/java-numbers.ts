/**
 * The numbers of RocketMQ's SQL92 filter, with Java's types, because the type decides how a
 * property (always a string) is converted before a comparison: against an Integer literal the
 * property must parse as a Java int, against a Long as a long, against a Double as a double.
 *
 * Longs beyond ±2^53 are bigints so that comparisons stay exact; JS relational operators compare
 * a number with a bigint exactly, so mixed values need no conversion.
 */
import { FilterEvaluationError } from './filter-errors';

export type JavaNumberType = 'int' | 'long' | 'double';

export class JavaNumber {
  constructor(
    readonly type: JavaNumberType,
    /** A safe integer for int and for most longs, a bigint for longs beyond ±2^53, any number for double. */
    readonly value: number | bigint,
  ) {}

  /** Java's `(double) value`, rounding to nearest as Java does. */
  toDouble(): number {
    return typeof this.value === 'bigint' ? Number(this.value) : this.value;
  }

  toString(): string {
    return String(this.value);
  }
}

const INT_MIN = -2_147_483_648;
const INT_MAX = 2_147_483_647;
const LONG_MIN = -(2n ** 63n);
const LONG_MAX = 2n ** 63n - 1n;
const INTEGER_TEXT = /^[+-]?[0-9]+$/;
/** Digits a double holds exactly: shorter integer texts parse as numbers without a bigint. */
const SAFE_DIGITS = 15;

/** `Long.valueOf(text)`: an optional sign and decimal digits, within the long range; else throws. */
export function parseJavaLong(text: string): number | bigint {
  if (!INTEGER_TEXT.test(text)) throw new FilterEvaluationError(`For input string: "${text}" (not a long)`);
  const digits = text.charCodeAt(0) === 0x2b || text.charCodeAt(0) === 0x2d ? text.length - 1 : text.length;
  if (digits <= SAFE_DIGITS) return Number(text);
  const big = BigInt(text);
  if (big < LONG_MIN || big > LONG_MAX) throw new FilterEvaluationError(`For input string: "${text}" (out of the long range)`);
  return Number.isSafeInteger(Number(big)) && BigInt(Number(big)) === big ? Number(big) : big;
}

/** `Integer.valueOf(text)`: like parseJavaLong, within the int range. */
export function parseJavaInt(text: string): number {
  if (!INTEGER_TEXT.test(text)) throw new FilterEvaluationError(`For input string: "${text}" (not an int)`);
  const value = Number(text);
  if (value < INT_MIN || value > INT_MAX) throw new FilterEvaluationError(`For input string: "${text}" (out of the int range)`);
  return value;
}

/** True when a Java long literal value fits an int (Java then makes it an Integer). */
export function fitsJavaInt(value: number | bigint): boolean {
  return value >= INT_MIN && value <= INT_MAX;
}

/** Java `String.trim()`: strips every char <= U+0020 at both ends. */
function javaTrim(text: string): string {
  let start = 0;
  let end = text.length;
  while (start < end && text.charCodeAt(start) <= 0x20) start++;
  while (end > start && text.charCodeAt(end - 1) <= 0x20) end--;
  return text.slice(start, end);
}

const DECIMAL_DOUBLE = /^[+-]?(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:[eE][+-]?[0-9]+)?[fFdD]?$/;
const SPECIAL_DOUBLE = /^([+-]?)(NaN|Infinity)$/;
const HEX_DOUBLE = /^([+-]?)0[xX]([0-9a-fA-F]*)(?:\.([0-9a-fA-F]*))?[pP]([+-]?[0-9]+)[fFdD]?$/;

/**
 * `Double.valueOf(text)`: surrounding blanks ignored; decimal with optional exponent and an
 * f/F/d/D suffix; NaN and Infinity with a sign; hexadecimal `0x1.8p3`. Anything else throws.
 */
export function parseJavaDouble(raw: string): number {
  const text = javaTrim(raw);
  if (DECIMAL_DOUBLE.test(text)) {
    const last = text.charCodeAt(text.length - 1);
    const digits = last >= 0x41 ? text.slice(0, -1) : text; // drop the type suffix: digits and '.' are < 'A'
    return Number(digits);
  }
  const special = SPECIAL_DOUBLE.exec(text);
  if (special !== null) {
    if (special[2] === 'NaN') return Number.NaN;
    return special[1] === '-' ? Number.NEGATIVE_INFINITY : Number.POSITIVE_INFINITY;
  }
  const hex = HEX_DOUBLE.exec(text);
  if (hex !== null) {
    const [, sign = '', whole = '', fraction = '', exponent = '0'] = hex;
    if (whole === '' && fraction === '') throw new FilterEvaluationError(`For input string: "${raw}" (not a double)`);
    const mantissa = Number.parseInt(`${whole}${fraction}` || '0', 16);
    const value = mantissa * 2 ** (Number(exponent) - 4 * fraction.length);
    return sign === '-' ? -value : value;
  }
  throw new FilterEvaluationError(`For input string: "${raw}" (not a double)`);
}

/** `Double.compare`: -0.0 below 0.0, NaN equal to itself and above everything. */
export function compareJavaDoubles(a: number, b: number): number {
  if (a < b) return -1;
  if (a > b) return 1;
  const aNaN = Number.isNaN(a);
  const bNaN = Number.isNaN(b);
  if (aNaN || bNaN) return aNaN === bNaN ? 0 : aNaN ? 1 : -1;
  if (a === 0 && b === 0) {
    const aNegative = Object.is(a, -0);
    const bNegative = Object.is(b, -0);
    return aNegative === bNegative ? 0 : aNegative ? -1 : 1;
  }
  return 0;
}

/** `Long.compare` / `Integer.compare` over safe numbers and bigints alike. */
export function compareJavaIntegers(a: number | bigint, b: number | bigint): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** `Boolean.valueOf(text)`: true only for "true" in any case. */
export function javaBooleanValueOf(text: string): boolean {
  return text.length === 4 && text.toLowerCase() === 'true';
}
