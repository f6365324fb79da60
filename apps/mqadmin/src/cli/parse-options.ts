import { type CliOption, parseArgumentsOrThrow, UsageError } from '@rocketmq-ts/config';

import type { OptionSpec } from './option-spec';

/** Parsed values by long name: a string for options with a value, true for switches. */
export type ParsedOptions = ReadonlyMap<string, string | true>;

/**
 * commons-cli style (`-t T`, `-tT`, `--topic T`, `--topic=T`; switches take no value), read by
 * the shared scanner in libs/config. Unknown options, missing values and stray arguments are
 * usage errors, as a typo must not run a different command than intended.
 */
export function parseOptions(command: string, args: readonly string[], specs: readonly OptionSpec[]): ParsedOptions {
  const entries = parseArgumentsOrThrow(args, specs.map(toCliOption), { syntax: 'commons-cli' }, command);
  const values = new Map<string, string | true>(entries.map((entry) => [entry.key, entry.value]));
  for (const spec of specs) {
    if (spec.required && !values.has(spec.long)) throw new UsageError(`missing required option ${label(spec)}`, command);
  }
  return values;
}

function toCliOption(spec: OptionSpec): CliOption {
  const names = spec.short === undefined ? [`--${spec.long}`] : [`-${spec.short}`, `--${spec.long}`];
  return { key: spec.long, names, takes: spec.hasArg ? 'value' : 'switch' };
}

export function label(spec: OptionSpec): string {
  return spec.short === undefined ? `--${spec.long}` : `-${spec.short} (--${spec.long})`;
}
