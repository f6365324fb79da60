/**
 * A small flag parser for RocketMQ-style command lines: `-n 127.0.0.1:9876`, `--topic T`,
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

/** A bad command line; the message says which flag and why, for the user. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

export function parseFlags(argv: readonly string[], specs: readonly FlagSpec[]): Map<string, FlagValue> {
  const byName = new Map<string, FlagSpec>();
  for (const spec of specs) for (const name of spec.names) byName.set(name, spec);
  const values = new Map<string, FlagValue>();
  for (let at = 0; at < argv.length; at += 1) {
    const arg = argv[at] ?? '';
    const equals = arg.startsWith('-') ? arg.indexOf('=') : -1;
    const name = equals > 0 ? arg.slice(0, equals) : arg;
    const spec = byName.get(name);
    if (!spec) throw new UsageError(arg.startsWith('-') ? `unknown option ${name}` : `unexpected argument ${JSON.stringify(arg)}`);
    let raw: string | undefined;
    if (equals > 0) {
      raw = arg.slice(equals + 1);
    } else if (spec.kind === 'bool') {
      const next = argv[at + 1];
      if (next === 'true' || next === 'false') {
        raw = next;
        at += 1;
      } else {
        raw = 'true';
      }
    } else {
      raw = argv[at + 1];
      if (raw === undefined) throw new UsageError(`option ${name} needs a value`);
      at += 1;
    }
    values.set(spec.key, convert(spec, name, raw));
  }
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
      if (raw.trim() === '' || !Number.isSafeInteger(value)) throw new UsageError(`option ${name} takes an integer, got ${JSON.stringify(raw)}`);
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
