import { at } from '@rocketmq-ts/base';

import type { OptionSpec } from './option-spec';
import { UsageError } from './usage-error';

/** Parsed values by long name: a string for options with a value, true for switches. */
export type ParsedOptions = ReadonlyMap<string, string | true>;

/**
 * commons-cli style: `-t T`, `-tT`, `--topic T`, `--topic=T`; switches take no value. Unknown
 * options, missing values and stray arguments are usage errors, as a typo must not run a
 * different command than intended.
 */
export function parseOptions(command: string, args: readonly string[], specs: readonly OptionSpec[]): ParsedOptions {
  const values = new Map<string, string | true>();
  for (let index = 0; index < args.length; index += 1) {
    const arg = at(args, index, 'arguments');
    const { spec, inlineValue } = findSpec(command, arg, specs);
    if (!spec.hasArg) {
      if (inlineValue !== undefined) throw new UsageError(`option --${spec.long} takes no value`, command);
      values.set(spec.long, true);
      continue;
    }
    let value = inlineValue;
    if (value === undefined) {
      index += 1;
      value = args[index];
    }
    if (value === undefined) throw new UsageError(`option ${arg} needs a value`, command);
    values.set(spec.long, value);
  }
  for (const spec of specs) {
    if (spec.required && !values.has(spec.long)) throw new UsageError(`missing required option ${label(spec)}`, command);
  }
  return values;
}

function findSpec(command: string, arg: string, specs: readonly OptionSpec[]): { spec: OptionSpec; inlineValue: string | undefined } {
  if (arg.startsWith('--')) {
    const equals = arg.indexOf('=');
    const name = equals < 0 ? arg.slice(2) : arg.slice(2, equals);
    const spec = specs.find((one) => one.long === name);
    if (spec === undefined) throw new UsageError(`unknown option --${name}`, command);
    return { spec, inlineValue: equals < 0 ? undefined : arg.slice(equals + 1) };
  }
  if (arg.startsWith('-') && arg.length >= 2) {
    // Multi-letter short names (Java's `-bn brokerName`) match whole, as commons-cli does.
    const whole = specs.find((one) => one.short !== undefined && one.short.length > 1 && one.short === arg.slice(1));
    if (whole !== undefined) return { spec: whole, inlineValue: undefined };
    const spec = specs.find((one) => one.short === arg[1]);
    if (spec === undefined) throw new UsageError(`unknown option ${arg.slice(0, 2)}`, command);
    return { spec, inlineValue: arg.length > 2 ? arg.slice(2) : undefined };
  }
  throw new UsageError(`unexpected argument ${JSON.stringify(arg)}`, command);
}

export function label(spec: OptionSpec): string {
  return spec.short === undefined ? `--${spec.long}` : `-${spec.short} (--${spec.long})`;
}
