import { type CliOption, parseArguments, UsageError } from '@rocketmq-ts/config';

/**
 * Flags of RocketMQ-style command lines: `-n 127.0.0.1:9876`, `--topic T`,
 * `--topic=T` (how Nx forwards flags), and booleans given as `-k true`, `-k false` or a bare `-k`
 * (Apache's benchmark takes `-k true`; a bare flag is kinder on the command line).
 */
export type FlagKind = 'string' | 'int' | 'number' | 'bool';

export interface FlagSpec {
  /** The option's key in the parsed result. */
  readonly key: string;
  /** Every spelling, dashes included: `['-n', '--namesrvAddr']`. */
  readonly names: readonly string[];
  readonly kind: FlagKind;
  readonly help: string;
}

export type FlagValue = string | number | boolean;

/**
 * The shared scanner (libs/config) in its `equals` spelling; values are converted to their kinds
 * in argument order, so whichever bad flag comes first on the line is the one reported.
 */
export function parseFlags(argv: readonly string[], specs: readonly FlagSpec[]): Map<string, FlagValue> {
  const options = specs.map((spec): CliOption => ({ key: spec.key, names: spec.names, takes: spec.kind === 'bool' ? 'boolean' : 'value' }));
  const { entries, problems } = parseArguments(argv, options, { syntax: 'equals' });
  const [first] = problems;
  const values = new Map<string, FlagValue>();
  for (const entry of entries) {
    if (first !== undefined && first.at < entry.at) break;
    const spec = specs.find((one) => one.key === entry.key);
    if (spec !== undefined) values.set(spec.key, convert(spec, entry.name, String(entry.value)));
  }
  if (first !== undefined) throw new UsageError(first.message);
  return values;
}

function convert(spec: FlagSpec, name: string, raw: string): FlagValue {
  switch (spec.kind) {
    case 'string':
      if (raw.trim().length === 0) throw new UsageError(`option ${name} needs a non-empty value`);
      return raw.trim();
    case 'bool':
      if (raw !== 'true' && raw !== 'false') throw new UsageError(`option ${name} takes true or false, got ${JSON.stringify(raw)}`);
      return raw === 'true';
    case 'int': {
      const value = Number(raw);
      if (raw.trim() === '' || !Number.isSafeInteger(value))
        throw new UsageError(`option ${name} takes an integer, got ${JSON.stringify(raw)}`);
      return value;
    }
    case 'number': {
      const value = Number(raw);
      if (raw.trim() === '' || !Number.isFinite(value)) throw new UsageError(`option ${name} takes a number, got ${JSON.stringify(raw)}`);
      return value;
    }
  }
}

/** One line per flag for the usage text: `  -n, --namesrvAddr <value>  help`. */
export function describeFlags(specs: readonly FlagSpec[]): string {
  const rows = specs.map((spec) => [`${spec.names.join(', ')}${spec.kind === 'bool' ? ' [true|false]' : ' <value>'}`, spec.help] as const);
  const width = Math.max(...rows.map(([left]) => left.length));
  return rows.map(([left, help]) => `  ${left.padEnd(width)}  ${help}`).join('\n');
}
