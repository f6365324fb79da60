/** Where in the expression text something is: 0-based offset, 1-based line and column. */
export interface SourcePosition {
  readonly offset: number;
  readonly line: number;
  readonly column: number;
}

/** The position of `offset` in `text`; a CR, LF or CRLF ends a line, a tab is one column. */
export function positionAt(text: string, offset: number): SourcePosition {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset && i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x0a || (c === 0x0d && text.charCodeAt(i + 1) !== 0x0a)) {
      line++;
      lineStart = i + 1;
    }
  }
  return { offset, line, column: offset - lineStart + 1 };
}

/**
 * An expression that cannot be compiled: a character no token starts with, a token where the
 * grammar wants another, or a construct RocketMQ refuses when it builds the expression (a string
 * compared with `>`, NULL with `=`, BETWEEN bounds in the wrong order...). The message ends with
 * the line and column, so it can go to a client as it is.
 */
export class FilterParseError extends Error {
  override readonly name = 'FilterParseError';

  constructor(
    readonly reason: string,
    readonly position: SourcePosition,
  ) {
    super(`${reason} at line ${position.line}, column ${position.column}`);
  }
}

/**
 * A comparison that fails at run time where Java's filter throws: a property that is not a number
 * compared with a number, a boolean expression compared with a string. RocketMQ treats it as "no
 * match" for that message; `Sql92Filter.matches` does the same.
 */
export class FilterEvaluationError extends Error {
  override readonly name = 'FilterEvaluationError';
}
