import { type Logger, silentLogger } from '@rocketmq-ts/base';
import { type Sql92Filter, Sql92FilterCache } from '@rocketmq-ts/filter';

import { RecordPropertyLookup } from './record-property-lookup';
import { TextPropertyLookup } from './text-property-lookup';

/** A compiled SQL92 subscription, ready for the pull path (records) and long polling (properties text). */
export interface PropertyMatcher {
  readonly filter: Sql92Filter;
  /** Does the stored record match? Evaluation failures do not match, as in RocketMQ. */
  matchesRecord(record: Buffer): boolean;
  /** Does a message with this properties text match? */
  matchesProperties(properties: string): boolean;
}

export type PropertyMatcherOutcome =
  { readonly ok: true; readonly matcher: PropertyMatcher } | { readonly ok: false; readonly remark: string };

/**
 * The broker's compiled SQL92 expressions (Java's ConsumerFilterManager, without the bloom
 * filter): each text is compiled once while in use, by whichever pull, heartbeat check or
 * CHECK_CLIENT_CONFIG sees it first, and shared by every subscription with that text.
 */
export class PropertyFilters {
  private readonly cache = new Sql92FilterCache();
  private readonly matchers = new WeakMap<Sql92Filter, PropertyMatcher>();

  constructor(private readonly logger: Logger = silentLogger) {}

  compile(expression: string): PropertyMatcherOutcome {
    const outcome = this.cache.compile(expression);
    if (!outcome.ok) return { ok: false, remark: outcome.error.message };
    const { filter } = outcome;
    let matcher = this.matchers.get(filter);
    if (matcher === undefined) {
      matcher = matcherOf(filter);
      this.matchers.set(filter, matcher);
      if (filter.ignoredTail !== undefined) {
        const { position, text } = filter.ignoredTail;
        this.logger.warn(
          { expression, line: position.line, column: position.column, ignored: text },
          'SQL92 subscription: text after the expression is ignored (as RocketMQ does)',
        );
      }
    }
    return { ok: true, matcher };
  }
}

function matcherOf(filter: Sql92Filter): PropertyMatcher {
  const record = new RecordPropertyLookup();
  const text = new TextPropertyLookup();
  return {
    filter,
    matchesRecord: (bytes) => filter.matches(record.reset(bytes)),
    matchesProperties: (properties) => filter.matches(text.reset(properties)),
  };
}
