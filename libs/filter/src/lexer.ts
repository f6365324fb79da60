/**
 * The tokens of RocketMQ's SQL92 selector grammar, read on demand: like the Java parser, this one
 * never looks more than two tokens past what it has parsed, so text after a complete expression is
 * read only as far as the parser peeks (see Sql92Filter.ignoredTail).
 *
 *   keywords (any case)  NOT AND OR BETWEEN IN TRUE FALSE NULL IS CONTAINS STARTSWITH ENDSWITH
 *   identifier           [A-Za-z_$][A-Za-z0-9_$]*          (a property name; TAGS is one too)
 *   integer              0 | [1-9][0-9]*, optional l/L suffix (a long; an int when it fits)
 *   decimal              5.5  5.  .5  5E10  5.5e-3        (a double)
 *   string               'it''s'                           ('' is one quote)
 *   operators            = <> > >= < <= ( , ) + -
 *   blanks, `-- comment` ended by a line break, and block comments between tokens
 *
 * Where two rules match, the longer text wins; a keyword beats an identifier of the same text.
 */
import { at } from '@rocketmq-ts/base';

import { FilterParseError, positionAt } from './filter-errors';

export type Keyword = 'NOT' | 'AND' | 'OR' | 'BETWEEN' | 'IN' | 'TRUE' | 'FALSE' | 'NULL' | 'IS' | 'CONTAINS' | 'STARTSWITH' | 'ENDSWITH';
export type Operator = '=' | '<>' | '>' | '>=' | '<' | '<=' | '(' | ',' | ')' | '+' | '-';

export type TokenKind = Keyword | Operator | 'ID' | 'INTEGER' | 'DECIMAL' | 'STRING' | 'EOF';

export interface Token {
  readonly kind: TokenKind;
  /** The text as written (for STRING: the decoded value, quotes removed and '' undone). */
  readonly text: string;
  readonly start: number;
  readonly end: number;
}

const KEYWORDS: ReadonlySet<string> = new Set<Keyword>([
  'NOT',
  'AND',
  'OR',
  'BETWEEN',
  'IN',
  'TRUE',
  'FALSE',
  'NULL',
  'IS',
  'CONTAINS',
  'STARTSWITH',
  'ENDSWITH',
]);
const IDENTIFIER = /[A-Za-z_$][A-Za-z0-9_$]*/y;
const INTEGER = /0|[1-9][0-9]*[lL]?/y;
const DECIMAL = /[0-9]+\.[0-9]*(?:[eE][+-]?[0-9]+)?|\.[0-9]+(?:[eE][+-]?[0-9]+)?|[0-9]+[eE][+-]?[0-9]+/y;
const TWO_CHAR_OPERATORS: ReadonlySet<string> = new Set(['<>', '>=', '<=']);
const ONE_CHAR_OPERATORS: ReadonlySet<string> = new Set(['=', '>', '<', '(', ',', ')', '+', '-']);

export class Lexer {
  private readonly tokens: Token[] = [];
  private cursor = 0;

  constructor(readonly source: string) {}

  /** The token `ahead` places past the next one (0 = the next), read now if not yet. */
  peek(ahead = 0): Token {
    while (this.tokens.length <= ahead) this.tokens.push(this.read());
    return at(this.tokens, ahead, 'tokens');
  }

  next(): Token {
    const token = this.peek();
    this.tokens.shift();
    return token;
  }

  fail(reason: string, offset: number): never {
    throw new FilterParseError(reason, positionAt(this.source, offset));
  }

  private read(): Token {
    this.skipBlanksAndComments();
    const { source } = this;
    const start = this.cursor;
    if (start >= source.length) return { kind: 'EOF', text: '', start, end: start };
    const c = at(source, start, 'source characters');
    if (c === "'") return this.readString(start);
    const identifier = this.match(IDENTIFIER, start);
    if (identifier !== undefined) {
      const upper = identifier.toUpperCase();
      return this.take(KEYWORDS.has(upper) ? (upper as Keyword) : 'ID', identifier, start);
    }
    const integer = this.match(INTEGER, start);
    const decimal = this.match(DECIMAL, start);
    if (decimal !== undefined && decimal.length > (integer?.length ?? 0)) return this.take('DECIMAL', decimal, start);
    if (integer !== undefined) return this.take('INTEGER', integer, start);
    const two = source.slice(start, start + 2);
    if (TWO_CHAR_OPERATORS.has(two)) return this.take(two as Operator, two, start);
    if (ONE_CHAR_OPERATORS.has(c)) return this.take(c as Operator, c, start);
    return this.fail(`unexpected character ${JSON.stringify(c)}`, start);
  }

  private take(kind: TokenKind, text: string, start: number): Token {
    this.cursor = start + text.length;
    return { kind, text, start, end: this.cursor };
  }

  private match(pattern: RegExp, at: number): string | undefined {
    pattern.lastIndex = at;
    return pattern.exec(this.source)?.[0];
  }

  private readString(start: number): Token {
    const { source } = this;
    let value = '';
    let at = start + 1;
    for (;;) {
      const quote = source.indexOf("'", at);
      if (quote < 0) return this.fail('unterminated string literal', start);
      value += source.slice(at, quote);
      if (source[quote + 1] !== "'") {
        this.cursor = quote + 1;
        return { kind: 'STRING', text: value, start, end: this.cursor };
      }
      value += "'";
      at = quote + 2;
    }
  }

  private skipBlanksAndComments(): void {
    const { source } = this;
    for (;;) {
      const c = source.charCodeAt(this.cursor);
      if (c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d || c === 0x0c) {
        this.cursor++;
      } else if (source.startsWith('--', this.cursor)) {
        // A line comment needs its line break; without one the dashes are two minus signs.
        const lineBreak = source.slice(this.cursor).search(/[\r\n]/);
        if (lineBreak < 0) return;
        this.cursor += lineBreak + 1;
      } else if (source.startsWith('/*', this.cursor)) {
        const close = source.indexOf('*/', this.cursor + 2);
        if (close < 0) this.fail('unterminated block comment', this.cursor);
        this.cursor = close + 2;
      } else {
        return;
      }
    }
  }
}
