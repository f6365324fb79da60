/**
 * Turns a parsed expression into closures, once per expression, so evaluating a message is a few
 * calls and property lookups with no allocation. Three-valued logic as in RocketMQ: a missing
 * property is NULL, a comparison with NULL is NULL, and only TRUE matches.
 *
 * Runtime values: a property is a string (or null when absent), a predicate a boolean (or null),
 * a literal its value. Numbers only ever come from literals, so `-` is folded here: the negation of
 * a number literal is a number, the negation of anything else is always NULL (Java negates only
 * Number values) once its operand was evaluated.
 */
import type { FilterNode, LiteralValue } from './ast';
import { compareLiterals, compareTextsAsDoubles } from './java-compare';
import { JavaNumber } from './java-numbers';

/** A message's properties as the filter reads them; undefined = the message has no such property. */
export interface PropertyLookup {
  get(name: string): string | undefined;
}

export type Evaluate = (properties: PropertyLookup) => LiteralValue;

export function compileNode(node: FilterNode): Evaluate {
  switch (node.kind) {
    case 'literal': {
      const { value } = node;
      return () => value;
    }
    case 'property': {
      const { name } = node;
      return (properties) => properties.get(name) ?? null;
    }
    case 'negate': {
      const value = negated(node.operand);
      if (value !== null) return () => value;
      // Still evaluated, for Java evaluates it too: a comparison in it can fail the whole filter.
      const operand = compileNode(node.operand);
      return (properties) => {
        operand(properties);
        return null;
      };
    }
    case 'not': {
      const operand = compileNode(node.operand);
      return (properties) => {
        const value = operand(properties);
        return value === null ? null : !value;
      };
    }
    case 'booleanCast': {
      const operand = compileNode(node.operand);
      return (properties) => {
        const value = operand(properties);
        return value === null ? null : typeof value === 'boolean' ? value : false;
      };
    }
    case 'and':
      return andOf(compileNode(node.left), compileNode(node.right));
    case 'or':
      return orOf(compileNode(node.left), compileNode(node.right));
    case 'compare':
      return node.operator === '='
        ? equalOf(compileNode(node.left), compileNode(node.right))
        : relationalOf(node.operator, compileNode(node.left), compileNode(node.right));
    case 'in': {
      const operand = compileNode(node.operand);
      const values = new Set(node.values);
      const { negated: not } = node;
      return (properties) => {
        const value = operand(properties);
        if (typeof value !== 'string') return null;
        return values.has(value) !== not;
      };
    }
    case 'stringMatch':
      return stringMatchOf(node.operator, compileNode(node.operand), node.search, node.negated);
  }
}

/** The constant value of `-operand`: a negated number literal, else NULL. */
function negated(operand: FilterNode): LiteralValue {
  const value = operand.kind === 'literal' ? operand.value : operand.kind === 'negate' ? negated(operand.operand) : null;
  if (!(value instanceof JavaNumber)) return null;
  if (value.type === 'double') return new JavaNumber('double', -(value.value as number));
  // Integer negation: no -0, and bigints stay bigints only while unsafe.
  if (value.value === 0) return value;
  const result = typeof value.value === 'bigint' ? -value.value : -value.value;
  const small = Number(result);
  return new JavaNumber(value.type, typeof result === 'bigint' && Number.isSafeInteger(small) ? small : result);
}

function andOf(left: Evaluate, right: Evaluate): Evaluate {
  return (properties) => {
    const l = left(properties);
    if (l === false) return false;
    const r = right(properties);
    if (r === false) return false;
    return l === null || r === null ? null : true;
  };
}

function orOf(left: Evaluate, right: Evaluate): Evaluate {
  return (properties) => {
    const l = left(properties);
    if (l === true) return true;
    const r = right(properties);
    if (r === true) return true;
    return l === null || r === null ? null : false;
  };
}

/**
 * `=` (and IS NULL). Java's odd NULL rule is kept: a NULL left side gives NULL, a NULL right side
 * against a value gives FALSE, and two NULLs are equal.
 */
function equalOf(left: Evaluate, right: Evaluate): Evaluate {
  return (properties) => {
    const l = left(properties);
    const r = right(properties);
    if (l === null || r === null) return l === null ? (r === null ? true : null) : false;
    return l === r || compareLiterals(l, r) === 0;
  };
}

function relationalOf(operator: '>' | '>=' | '<' | '<=', left: Evaluate, right: Evaluate): Evaluate {
  const verdict = verdictOf(operator);
  return (properties) => {
    const l = left(properties);
    if (l === null) return null;
    const r = right(properties);
    if (r === null) return null;
    return verdict(typeof l === 'string' && typeof r === 'string' ? compareTextsAsDoubles(l, r) : compareLiterals(l, r));
  };
}

function verdictOf(operator: '>' | '>=' | '<' | '<='): (order: number) => boolean {
  switch (operator) {
    case '>':
      return (order) => order > 0;
    case '>=':
      return (order) => order >= 0;
    case '<':
      return (order) => order < 0;
    case '<=':
      return (order) => order <= 0;
  }
}

/** CONTAINS / STARTSWITH / ENDSWITH: FALSE (not NULL) for a missing property or an empty search. */
function stringMatchOf(operator: 'CONTAINS' | 'STARTSWITH' | 'ENDSWITH', operand: Evaluate, search: string, not: boolean): Evaluate {
  if (search === '') return () => false;
  const test =
    operator === 'CONTAINS'
      ? (text: string) => text.includes(search)
      : operator === 'STARTSWITH'
        ? (text: string) => text.startsWith(search)
        : (text: string) => text.endsWith(search);
  return (properties) => {
    const value = operand(properties);
    if (typeof value !== 'string') return false;
    return test(value) !== not;
  };
}
