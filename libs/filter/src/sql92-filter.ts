import { propertiesOf } from './ast';
import { type Evaluate, compileNode, type PropertyLookup } from './evaluator';
import { FilterEvaluationError, positionAt, type SourcePosition } from './filter-errors';
import { parseSelector } from './parser';

/** RocketMQ's name of the expression type (ExpressionType.SQL92). */
export const SQL92 = 'SQL92';

/** Text after a complete expression, which RocketMQ ignores; worth a warning to whoever wrote it. */
export interface IgnoredTail {
  readonly position: SourcePosition;
  readonly text: string;
}

/** A compiled SQL92 selector: build once per subscription, evaluate per message. */
export interface Sql92Filter {
  readonly expression: string;
  /** The property names the expression reads (TAGS included when used). */
  readonly properties: readonly string[];
  readonly ignoredTail: IgnoredTail | undefined;
  /** TRUE, FALSE or NULL (unknown); throws FilterEvaluationError where Java's filter throws. */
  evaluate(properties: PropertyLookup): boolean | null;
  /** What the broker delivers: only TRUE matches; NULL and a failed comparison do not. */
  matches(properties: PropertyLookup): boolean;
}

/** Compiles `expression`; throws FilterParseError with the position of the fault. */
export function compileSql92(expression: string): Sql92Filter {
  const { root, ignoredTail } = parseSelector(expression);
  const evaluateRoot: Evaluate = compileNode(root);
  const evaluate = (properties: PropertyLookup): boolean | null => {
    const value = evaluateRoot(properties);
    // The root is boolean by construction (the parser casts or refuses anything else).
    return typeof value === 'boolean' ? value : null;
  };
  return {
    expression,
    properties: propertiesOf(root),
    ignoredTail:
      ignoredTail === undefined
        ? undefined
        : { position: positionAt(expression, ignoredTail.start), text: expression.slice(ignoredTail.start) },
    evaluate,
    matches: (properties) => {
      try {
        return evaluate(properties) === true;
      } catch (error) {
        if (error instanceof FilterEvaluationError) return false;
        throw error;
      }
    },
  };
}
