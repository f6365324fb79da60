/**
 * How RocketMQ's filter orders two non-null values (Java's `ComparisonExpression.__compare` with
 * string conversion on, which is how the broker always runs it). Values of the same type compare
 * naturally. Otherwise the left type decides:
 *
 * | left \ right | String                         | Boolean | Integer / Long / Double          |
 * |--------------|--------------------------------|---------|----------------------------------|
 * | String       | same                           | left → boolean ("true", any case) | left → right's type (may fail) |
 * | Boolean      | fails (Java's ClassCastException) | same | -1                                 |
 * | number       | right → left's type (may fail) | -1      | widened: int → long → double     |
 *
 * "-1" means "left is smaller", whatever the operator: `5 = TRUE` is false, as in Java. A failed
 * conversion throws FilterEvaluationError: the message then does not match.
 */
import type { LiteralValue } from './ast';
import { FilterEvaluationError } from './filter-errors';
import {
  compareJavaDoubles,
  compareJavaIntegers,
  JavaNumber,
  javaBooleanValueOf,
  parseJavaDouble,
  parseJavaInt,
  parseJavaLong,
} from './java-numbers';

export type FilterValue = Exclude<LiteralValue, null>;

export function compareLiterals(left: FilterValue, right: FilterValue): number {
  if (typeof left === 'string') {
    if (typeof right === 'string') return left < right ? -1 : left > right ? 1 : 0;
    if (typeof right === 'boolean') return compareBooleans(javaBooleanValueOf(left), right);
    return compareNumberWithText(right, left) * -1;
  }
  if (typeof left === 'boolean') {
    if (typeof right === 'boolean') return compareBooleans(left, right);
    if (typeof right === 'string') throw new FilterEvaluationError(`a boolean cannot be compared with the string '${right}'`);
    return -1;
  }
  if (typeof right === 'string') return compareNumberWithText(left, right);
  if (typeof right === 'boolean') return -1;
  return compareNumbers(left, right);
}

function compareBooleans(left: boolean, right: boolean): number {
  return left === right ? 0 : left ? 1 : -1;
}

/** `number` against a string converted to the number's type (Integer.valueOf, Long.valueOf, Double.valueOf). */
function compareNumberWithText(number: JavaNumber, text: string): number {
  switch (number.type) {
    case 'int':
      return compareJavaIntegers(number.value, parseJavaInt(text));
    case 'long':
      return compareJavaIntegers(number.value, parseJavaLong(text));
    case 'double':
      return compareJavaDoubles(number.value as number, parseJavaDouble(text));
  }
}

/** Two Java numbers: integers exactly, a double on either side makes it a double comparison. */
function compareNumbers(left: JavaNumber, right: JavaNumber): number {
  if (left.type === 'double' || right.type === 'double') return compareJavaDoubles(left.toDouble(), right.toDouble());
  return compareJavaIntegers(left.value, right.value);
}

/**
 * `>`, `>=`, `<`, `<=` between two strings (two properties): both must read as doubles, else the
 * comparison fails, as in Java.
 */
export function compareTextsAsDoubles(left: string, right: string): number {
  let l: number;
  let r: number;
  try {
    l = parseJavaDouble(left);
    r = parseJavaDouble(right);
  } catch {
    throw new FilterEvaluationError(`strings cannot be compared with >, >=, <, <= unless both are numbers: '${left}', '${right}'`);
  }
  return compareJavaDoubles(l, r);
}
