import { FilterParseError } from './filter-errors';
import { compileSql92, type Sql92Filter } from './sql92-filter';

export type CompileOutcome = { readonly ok: true; readonly filter: Sql92Filter } | { readonly ok: false; readonly error: FilterParseError };

/**
 * Compiled expressions by text, failures included, least recently used dropped first (RocketMQ
 * keeps 100 the same way). Every pull of a subscription asks for the same text, so each is
 * compiled once while it is in use, and a broken one is not parsed again on every pull.
 */
export class Sql92FilterCache {
  private readonly entries = new Map<string, CompileOutcome>();

  constructor(private readonly capacity = 256) {}

  get size(): number {
    return this.entries.size;
  }

  compile(expression: string): CompileOutcome {
    const cached = this.entries.get(expression);
    if (cached !== undefined) {
      // Re-insert: Map keeps insertion order, so the oldest key is the least recently used.
      this.entries.delete(expression);
      this.entries.set(expression, cached);
      return cached;
    }
    const outcome = compileOutcome(expression);
    this.entries.set(expression, outcome);
    if (this.entries.size > this.capacity) {
      const oldest = this.entries.keys().next();
      if (oldest.done !== true) this.entries.delete(oldest.value);
    }
    return outcome;
  }
}

function compileOutcome(expression: string): CompileOutcome {
  try {
    return { ok: true, filter: compileSql92(expression) };
  } catch (error) {
    if (error instanceof FilterParseError) return { ok: false, error };
    throw error;
  }
}
