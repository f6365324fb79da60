/**
 * A recursive-descent parser for RocketMQ's SQL92 selector grammar, loosest binding first:
 *
 *   selector   := or                                 (must be boolean, or a property)
 *   or         := and ( OR and )*
 *   and        := equality ( AND equality )*
 *   equality   := comparison ( '=' comparison | '<>' comparison | IS [NOT] NULL )*
 *   comparison := unary ( ('>'|'>='|'<'|'<=') unary
 *                       | [NOT] (CONTAINS|STARTSWITH|ENDSWITH) string
 *                       | [NOT] BETWEEN unary AND unary
 *                       | [NOT] IN '(' string (',' string)* ')' )*
 *   unary      := '+' unary | '-' unary | NOT unary | primary
 *   primary    := literal | identifier | '(' or ')'
 *
 * NOT as a prefix binds tighter than comparisons (`NOT a > 1` is `(NOT a) > 1`, which is refused:
 * a boolean cannot be compared with `>`); write `NOT (a > 1)`. The checks RocketMQ makes while it
 * builds the expression are made here, each failing with the position of the operand at fault.
 */
import { type ComparisonOperator, type FilterNode, isBooleanNode, type LiteralValue } from './ast';
import { FilterParseError, positionAt } from './filter-errors';
import { fitsJavaInt, JavaNumber } from './java-numbers';
import { compareLiterals } from './java-compare';
import { Lexer, type Token, type TokenKind } from './lexer';

/** Double.MAX_VALUE and Double.MIN_VALUE: RocketMQ refuses decimal literals outside (0 included). */
const DOUBLE_MIN_VALUE = 4.9e-324;

export interface ParsedSelector {
  readonly root: FilterNode;
  /** The first token after a complete expression, which RocketMQ ignores (with all after it). */
  readonly ignoredTail: Token | undefined;
}

export function parseSelector(source: string): ParsedSelector {
  const parser = new Parser(new Lexer(source));
  const root = parser.asBoolean(parser.or());
  const next = parser.lexer.peek();
  return { root, ignoredTail: next.kind === 'EOF' ? undefined : next };
}

const RELATIONAL: ReadonlySet<TokenKind> = new Set(['>', '>=', '<', '<=']);
const STRING_MATCH: ReadonlySet<TokenKind> = new Set(['CONTAINS', 'STARTSWITH', 'ENDSWITH']);
const AFTER_NOT: ReadonlySet<TokenKind> = new Set(['CONTAINS', 'STARTSWITH', 'ENDSWITH', 'BETWEEN', 'IN']);

class Parser {
  constructor(readonly lexer: Lexer) {}

  or(): FilterNode {
    let left = this.and();
    while (this.lexer.peek().kind === 'OR') {
      this.lexer.next();
      const right = this.and();
      left = { kind: 'or', left: this.asBoolean(left), right: this.asBoolean(right), start: left.start, end: right.end };
    }
    return left;
  }

  asBoolean(node: FilterNode): FilterNode {
    if (isBooleanNode(node)) return node;
    if (node.kind === 'property') return { kind: 'booleanCast', operand: node, start: node.start, end: node.end };
    return this.failAt(node, `${this.text(node)} is not a boolean expression`);
  }

  private and(): FilterNode {
    let left = this.equality();
    while (this.lexer.peek().kind === 'AND') {
      this.lexer.next();
      const right = this.equality();
      left = { kind: 'and', left: this.asBoolean(left), right: this.asBoolean(right), start: left.start, end: right.end };
    }
    return left;
  }

  private equality(): FilterNode {
    let left = this.comparison();
    for (;;) {
      const token = this.lexer.peek();
      if (token.kind === '=' || token.kind === '<>') {
        this.lexer.next();
        const right = this.comparison();
        this.checkEqualOperands(left, right);
        const equal = this.compare('=', left, right);
        left = token.kind === '=' ? equal : { kind: 'not', operand: equal, start: equal.start, end: equal.end };
      } else if (token.kind === 'IS') {
        this.lexer.next();
        const negated = this.lexer.peek().kind === 'NOT';
        if (negated) this.lexer.next();
        const nullToken = this.expect('NULL', negated ? 'NULL after IS NOT' : 'NULL or NOT NULL after IS');
        const isNull = this.compare('=', left, { kind: 'literal', value: null, start: nullToken.start, end: nullToken.end });
        left = negated ? { kind: 'not', operand: isNull, start: isNull.start, end: isNull.end } : isNull;
      } else {
        return left;
      }
    }
  }

  private comparison(): FilterNode {
    let left = this.unary();
    for (;;) {
      const token = this.lexer.peek();
      let negated = false;
      let kind = token.kind;
      if (kind === 'NOT') {
        kind = this.lexer.peek(1).kind;
        if (!AFTER_NOT.has(kind))
          return this.fail(token, 'NOT after a value must be followed by BETWEEN, IN, CONTAINS, STARTSWITH or ENDSWITH');
        negated = true;
        this.lexer.next();
      }
      if (RELATIONAL.has(kind)) {
        this.lexer.next();
        left = this.relational(kind as ComparisonOperator, left, this.unary());
      } else if (STRING_MATCH.has(kind)) {
        this.lexer.next();
        const search = this.stringLiteral();
        left = {
          kind: 'stringMatch',
          operator: kind as 'CONTAINS',
          operand: left,
          search: search.text,
          negated,
          start: left.start,
          end: search.end,
        };
      } else if (kind === 'BETWEEN') {
        this.lexer.next();
        const low = this.unary();
        this.expect('AND', 'AND between the bounds of BETWEEN');
        const high = this.unary();
        left = negated ? this.notBetween(left, low, high) : this.between(left, low, high);
      } else if (kind === 'IN') {
        this.lexer.next();
        left = this.inList(left, negated);
      } else {
        return left;
      }
    }
  }

  private unary(): FilterNode {
    const token = this.lexer.peek();
    if (token.kind === '+') {
      this.lexer.next();
      return this.unary();
    }
    if (token.kind === '-' || token.kind === 'NOT') {
      this.lexer.next();
      const operand = this.unary();
      if (token.kind === '-') return { kind: 'negate', operand, start: token.start, end: operand.end };
      return { kind: 'not', operand: this.asBoolean(operand), start: token.start, end: operand.end };
    }
    return this.primary();
  }

  private primary(): FilterNode {
    const token = this.lexer.next();
    const literal = (value: LiteralValue): FilterNode => ({ kind: 'literal', value, start: token.start, end: token.end });
    switch (token.kind) {
      case 'STRING':
        return literal(token.text);
      case 'INTEGER':
        return literal(this.integerLiteral(token));
      case 'DECIMAL':
        return literal(this.decimalLiteral(token));
      case 'TRUE':
        return literal(true);
      case 'FALSE':
        return literal(false);
      case 'NULL':
        return literal(null);
      case 'ID':
        return { kind: 'property', name: token.text, start: token.start, end: token.end };
      case '(': {
        const inner = this.or();
        this.expect(')', "')'");
        return inner;
      }
      default:
        return this.fail(token, `expected a literal, a property or '(' but found ${describe(token)}`);
    }
  }

  private integerLiteral(token: Token): JavaNumber {
    const digits = /[lL]$/.test(token.text) ? token.text.slice(0, -1) : token.text;
    const value = BigInt(digits);
    if (value > 2n ** 63n - 1n) return this.fail(token, `${token.text} is out of the long range`);
    const small = Number(value);
    const exact = Number.isSafeInteger(small) ? small : value;
    return new JavaNumber(fitsJavaInt(value) ? 'int' : 'long', exact);
  }

  private decimalLiteral(token: Token): JavaNumber {
    const value = Number(token.text);
    if (value === Number.POSITIVE_INFINITY) return this.fail(token, `${token.text} is greater than the largest double`);
    if (value < DOUBLE_MIN_VALUE)
      return this.fail(token, `${token.text} is less than the smallest positive double (RocketMQ refuses a zero decimal; write 0)`);
    return new JavaNumber('double', value);
  }

  private stringLiteral(): Token {
    const token = this.lexer.next();
    if (token.kind !== 'STRING') return this.fail(token, `expected a string literal but found ${describe(token)}`);
    return token;
  }

  private inList(operand: FilterNode, negated: boolean): FilterNode {
    this.expect('(', "'(' after IN");
    const values = [this.stringLiteral().text];
    while (this.lexer.peek().kind === ',') {
      this.lexer.next();
      values.push(this.stringLiteral().text);
    }
    const close = this.expect(')', "',' or ')' in the IN list");
    if (operand.kind !== 'property') return this.failAt(operand, `IN needs a property on its left, not ${this.text(operand)}`);
    return { kind: 'in', operand, values, negated, start: operand.start, end: close.end };
  }

  private between(value: FilterNode, low: FilterNode, high: FilterNode): FilterNode {
    if (low.kind === 'literal' && high.kind === 'literal') {
      if (low.value === null || high.value === null) return this.failAt(low, 'the bounds of BETWEEN cannot be NULL');
      let order: number;
      try {
        order = compareLiterals(high.value, low.value);
      } catch (error) {
        return this.failAt(low, `the bounds of BETWEEN cannot be compared: ${(error as Error).message}`);
      }
      if (order < 0)
        return this.failAt(low, `the low bound of BETWEEN (${this.text(low)}) is greater than the high bound (${this.text(high)})`);
    }
    const atLeast = this.relational('>=', value, low);
    const atMost = this.relational('<=', value, high);
    return { kind: 'and', left: atLeast, right: atMost, start: value.start, end: high.end };
  }

  private notBetween(value: FilterNode, low: FilterNode, high: FilterNode): FilterNode {
    const below = this.relational('<', value, low);
    const above = this.relational('>', value, high);
    return { kind: 'or', left: below, right: above, start: value.start, end: high.end };
  }

  /** `>`, `>=`, `<`, `<=`: only numbers, properties and negations may be compared. */
  private relational(operator: ComparisonOperator, left: FilterNode, right: FilterNode): FilterNode {
    for (const operand of [left, right]) {
      const comparable = operand.kind === 'literal' ? operand.value instanceof JavaNumber : !isBooleanNode(operand);
      if (!comparable) this.failAt(operand, `${this.text(operand)} cannot be compared with ${operator}: only numbers and properties can`);
    }
    return this.compare(operator, left, right);
  }

  /** `=` and `<>`: NULL needs IS NULL; TRUE/FALSE literals compare only with boolean literals. */
  private checkEqualOperands(left: FilterNode, right: FilterNode): void {
    for (const operand of [left, right]) {
      if (operand.kind === 'literal' && operand.value === null)
        this.failAt(operand, 'NULL cannot be compared with = or <>; use IS [NOT] NULL');
    }
    if (left.kind === 'literal' && right.kind === 'literal' && typeof left.value === 'boolean' && !isBooleanNode(right)) {
      this.failAt(right, `${this.text(left)} cannot be compared with ${this.text(right)}`);
    }
  }

  private compare(operator: ComparisonOperator, left: FilterNode, right: FilterNode): FilterNode {
    return { kind: 'compare', operator, left, right, start: left.start, end: right.end };
  }

  private expect(kind: TokenKind, what: string): Token {
    const token = this.lexer.next();
    if (token.kind !== kind) return this.fail(token, `expected ${what} but found ${describe(token)}`);
    return token;
  }

  private text(node: FilterNode): string {
    return this.lexer.source.slice(node.start, node.end);
  }

  private fail(token: Token, reason: string): never {
    throw new FilterParseError(reason, positionAt(this.lexer.source, token.start));
  }

  private failAt(node: FilterNode, reason: string): never {
    throw new FilterParseError(reason, positionAt(this.lexer.source, node.start));
  }
}

function describe(token: Token): string {
  if (token.kind === 'EOF') return 'the end of the expression';
  if (token.kind === 'STRING') return `string '${token.text.replace(/'/g, "''")}'`;
  return `"${token.text}"`;
}
