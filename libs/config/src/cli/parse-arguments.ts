import { UsageError } from './usage-error';

/**
 * The one command-line scanner (docs/architecture.md#command-lines). Each program keeps its own
 * option table and help text; this reads argv against the table in one of three spellings:
 *
 * - `commons-cli` (mqadmin, as Java's commons-cli): `-t T`, `-tT`, `--topic T`, `--topic=T`; a
 *   multi-letter short name (`-bn`) matches only whole.
 * - `equals` (mqbench, and how Nx forwards flags): any listed spelling, `name value` or `name=value`.
 * - `separate` (the servers, as RocketMQ's start scripts): listed spellings exactly, values as the
 *   next argument; with `openLongOptions` every other `--key=value`, `--key value` (when the next
 *   argument is not an option) or bare `--key` (= "true") is an entry for that key.
 *
 * Invariants: arguments are read left to right and entries come out in that order (a later one
 * for the same key wins when folded into a map); a problem never stops the scan, so a caller can
 * list them all (`parseArguments`) or throw the first (`parseArgumentsOrThrow`).
 */
export type ValueSyntax = 'commons-cli' | 'equals' | 'separate';

export interface CliOption {
  /** Where its value goes. */
  readonly key: string;
  /** Every spelling, dashes included: `['-t', '--topic']`. */
  readonly names: readonly string[];
  /** switch: no value; value: needs one; boolean: may be followed by `true` or `false` (else true). */
  readonly takes: 'switch' | 'value' | 'boolean';
}

export interface CliDialect {
  readonly syntax: ValueSyntax;
  /** `separate` only: unlisted `--key` arguments are entries of their own key (server overrides). */
  readonly openLongOptions?: boolean;
  /** The message for an argument that is no option; defaults to `unexpected argument "…"`. */
  readonly strayArgument?: (arg: string) => string;
}

export interface CliEntry {
  /** The option matched, or undefined for an open `--key` entry. */
  readonly option: CliOption | undefined;
  readonly key: string;
  /** The spelling given, e.g. `-t` or `--topic`. */
  readonly name: string;
  /** The text given; `true` for a switch. A boolean without a value reads "true". */
  readonly value: string | true;
  /** Index in argv of the option's own argument. */
  readonly at: number;
}

export interface CliProblem {
  /** Index in argv of the argument it is about. */
  readonly at: number;
  readonly message: string;
}

export interface ParsedArguments {
  readonly entries: readonly CliEntry[];
  readonly problems: readonly CliProblem[];
}

/** What one argument is: a listed option (with a value in the same argument or not), an unlisted one, or no option. */
type Match =
  | { readonly kind: 'option'; readonly option: CliOption; readonly name: string; readonly inline: string | undefined }
  | { readonly kind: 'unknown'; readonly name: string }
  | { readonly kind: 'none' };

const NONE: Match = { kind: 'none' };

export function parseArguments(argv: readonly string[], options: readonly CliOption[], dialect: CliDialect): ParsedArguments {
  const entries: CliEntry[] = [];
  const problems: CliProblem[] = [];
  for (let index = 0; index < argv.length; index += 1) {
    const arg = argv[index] ?? '';
    const at = index;
    const problem = (message: string): void => void problems.push({ at, message });
    const match = matchOption(arg, options, dialect);
    if (match.kind === 'unknown') {
      problem(`unknown option ${match.name}`);
      continue;
    }
    if (match.kind === 'none') {
      if (dialect.openLongOptions === true && arg.startsWith('--') && arg.length > 2)
        index += readOpen({ arg, at, next: argv[index + 1] }, entries, problems);
      else problem(dialect.strayArgument?.(arg) ?? `unexpected argument ${JSON.stringify(arg)}`);
      continue;
    }
    const { option, name, inline } = match;
    if (option.takes === 'switch') {
      if (inline !== undefined) problem(`option ${longName(option)} takes no value`);
      else entries.push({ option, key: option.key, name, value: true, at });
    } else if (inline !== undefined) {
      entries.push({ option, key: option.key, name, value: inline, at });
    } else if (option.takes === 'boolean') {
      const next = argv[index + 1];
      const given = next === 'true' || next === 'false';
      if (given) index += 1;
      entries.push({ option, key: option.key, name, value: given ? next : 'true', at });
    } else {
      index += 1;
      const value = argv[index];
      if (value === undefined) problem(`option ${arg} needs a value`);
      else entries.push({ option, key: option.key, name, value, at });
    }
  }
  return { entries, problems };
}

/** The entries of a command line that must be right; the first problem is thrown as a UsageError. */
export function parseArgumentsOrThrow(
  argv: readonly string[],
  options: readonly CliOption[],
  dialect: CliDialect,
  command?: string,
): readonly CliEntry[] {
  const { entries, problems } = parseArguments(argv, options, dialect);
  const [first] = problems;
  if (first !== undefined) throw new UsageError(first.message, command);
  return entries;
}

function matchOption(arg: string, options: readonly CliOption[], dialect: CliDialect): Match {
  switch (dialect.syntax) {
    case 'separate': {
      const option = listed(options, arg);
      return option === undefined ? NONE : { kind: 'option', option, name: arg, inline: undefined };
    }
    case 'equals': {
      if (!arg.startsWith('-')) return NONE;
      const equals = arg.indexOf('=');
      return withValue(options, equals > 0 ? arg.slice(0, equals) : arg, equals > 0 ? arg.slice(equals + 1) : undefined);
    }
    case 'commons-cli':
      return matchCommonsCli(arg, options);
  }
}

function matchCommonsCli(arg: string, options: readonly CliOption[]): Match {
  if (arg.startsWith('--')) {
    const equals = arg.indexOf('=');
    return withValue(options, equals < 0 ? arg : arg.slice(0, equals), equals < 0 ? undefined : arg.slice(equals + 1));
  }
  if (!arg.startsWith('-') || arg.length < 2) return NONE;
  // Multi-letter short names (Java's `-bn brokerName`) match whole, as commons-cli does.
  const whole = options.find((option) => option.names.some((name) => isShort(name) && name.length > 2 && name === arg));
  if (whole !== undefined) return { kind: 'option', option: whole, name: arg, inline: undefined };
  return withValue(options, arg.slice(0, 2), arg.length > 2 ? arg.slice(2) : undefined);
}

function withValue(options: readonly CliOption[], name: string, inline: string | undefined): Match {
  const option = listed(options, name);
  return option === undefined ? { kind: 'unknown', name } : { kind: 'option', option, name, inline };
}

function listed(options: readonly CliOption[], name: string): CliOption | undefined {
  return options.find((option) => option.names.includes(name));
}

/** An unlisted `--key…` argument at index `at`, and the argument after it. */
interface OpenArgument {
  readonly arg: string;
  readonly at: number;
  readonly next: string | undefined;
}

/** `--key=value`, `--key value` or `--key`; returns how many following arguments it used. */
function readOpen({ arg, at, next }: OpenArgument, entries: CliEntry[], problems: CliProblem[]): number {
  const body = arg.slice(2);
  const equals = body.indexOf('=');
  if (equals === 0) {
    problems.push({ at, message: `option "${arg}" has no key` });
    return 0;
  }
  if (equals > 0) {
    entries.push({ option: undefined, key: body.slice(0, equals), name: arg, value: body.slice(equals + 1), at });
    return 0;
  }
  const takesNext = next !== undefined && !next.startsWith('-');
  entries.push({ option: undefined, key: body, name: arg, value: takesNext ? next : 'true', at });
  return takesNext ? 1 : 0;
}

function isShort(name: string): boolean {
  return name.startsWith('-') && !name.startsWith('--');
}

function longName(option: CliOption): string {
  return option.names.find((name) => name.startsWith('--')) ?? option.names[0] ?? option.key;
}
