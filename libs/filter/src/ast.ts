/**
 * The expression tree the parser builds. `start`/`end` are offsets into the expression text, for
 * error positions and messages. Node kinds follow what RocketMQ's filter distinguishes when it
 * checks an expression: literals (constants), properties, boolean expressions and the rest.
 */
import type { JavaNumber } from './java-numbers';

/** A literal's value: string, TRUE/FALSE, a Java number, or NULL. */
export type LiteralValue = string | boolean | JavaNumber | null;

interface Span {
  readonly start: number;
  readonly end: number;
}

export type ComparisonOperator = '=' | '>' | '>=' | '<' | '<=';
export type StringMatchOperator = 'CONTAINS' | 'STARTSWITH' | 'ENDSWITH';

export type FilterNode =
  | (Span & { readonly kind: 'literal'; readonly value: LiteralValue })
  | (Span & { readonly kind: 'property'; readonly name: string })
  | (Span & { readonly kind: 'negate'; readonly operand: FilterNode })
  | (Span & { readonly kind: 'not'; readonly operand: FilterNode })
  /** A property used where a boolean is needed: never true, since properties are strings. */
  | (Span & { readonly kind: 'booleanCast'; readonly operand: FilterNode })
  | (Span & { readonly kind: 'and' | 'or'; readonly left: FilterNode; readonly right: FilterNode })
  /** `=` also stands for IS NULL (right: the NULL literal), `<>` and IS NOT NULL are NOT of it. */
  | (Span & { readonly kind: 'compare'; readonly operator: ComparisonOperator; readonly left: FilterNode; readonly right: FilterNode })
  | (Span & { readonly kind: 'in'; readonly operand: FilterNode; readonly values: readonly string[]; readonly negated: boolean })
  | (Span & {
      readonly kind: 'stringMatch';
      readonly operator: StringMatchOperator;
      readonly operand: FilterNode;
      readonly search: string;
      readonly negated: boolean;
    });

/** What Java's filter calls a BooleanExpression: TRUE, FALSE, NULL and every predicate. */
export function isBooleanNode(node: FilterNode): boolean {
  switch (node.kind) {
    case 'literal':
      return node.value === null || typeof node.value === 'boolean';
    case 'property':
    case 'negate':
      return false;
    default:
      return true;
  }
}

/** The property names an expression reads, each once, in order of first use. */
export function propertiesOf(node: FilterNode, into: string[] = []): string[] {
  switch (node.kind) {
    case 'property':
      if (!into.includes(node.name)) into.push(node.name);
      break;
    case 'negate':
    case 'not':
    case 'booleanCast':
    case 'in':
    case 'stringMatch':
      propertiesOf(node.operand, into);
      break;
    case 'and':
    case 'or':
    case 'compare':
      propertiesOf(node.left, into);
      propertiesOf(node.right, into);
      break;
    case 'literal':
      break;
  }
  return into;
}
