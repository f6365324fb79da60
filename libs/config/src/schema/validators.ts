import { type ConfigField, type FieldOptions, ok, type ParseOutcome, rejected } from './config-field';

/**
 * Field builders for config schemas. Each returns a ConfigField whose `expected` text is what the
 * per-key error line says, e.g. `listenPort: expected an integer in [1, 65535], got "abc"`.
 */

const INT32_MIN = -2_147_483_648;
const INT32_MAX = 2_147_483_647;

export interface RangeOptions extends FieldOptions {
  readonly min?: number;
  readonly max?: number;
}

function field<T>(defaultValue: T, expected: string, options: FieldOptions, parse: (raw: string) => ParseOutcome<T>): ConfigField<T> {
  return { defaultValue, expected, env: options.env, description: options.description, parse, format: (value) => String(value) };
}

function integerField(defaultValue: number, min: number, max: number, options: FieldOptions): ConfigField<number> {
  return field(defaultValue, `an integer in [${min}, ${max}]`, options, (raw) => {
    const text = raw.trim();
    if (!/^[+-]?\d+$/.test(text)) return rejected;
    const value = Number(text);
    return Number.isSafeInteger(value) && value >= min && value <= max ? ok(value) : rejected;
  });
}

/** A Java `int`: 32-bit signed, optionally narrowed. */
export function int(defaultValue: number, options: RangeOptions = {}): ConfigField<number> {
  return integerField(defaultValue, options.min ?? INT32_MIN, options.max ?? INT32_MAX, options);
}

/** A Java `long`, limited to what a JS number holds exactly (±2^53 − 1). */
export function long(defaultValue: number, options: RangeOptions = {}): ConfigField<number> {
  return integerField(defaultValue, options.min ?? Number.MIN_SAFE_INTEGER, options.max ?? Number.MAX_SAFE_INTEGER, options);
}

export interface PortOptions extends FieldOptions {
  /** Accept 0, "any free port" (the kernel picks; the process prints which). Off for ports clients must know. */
  readonly ephemeral?: boolean;
}

/** A TCP port a server binds: 1..65535, or 0..65535 where an ephemeral port is acceptable. */
export function port(defaultValue: number, options: PortOptions = {}): ConfigField<number> {
  if (!options.ephemeral) return integerField(defaultValue, 1, 65_535, options);
  const field = integerField(defaultValue, 0, 65_535, options);
  return { ...field, expected: `${field.expected} (0 = any free port)` };
}

/** `true` or `false`, any case. Unlike Java's parseBoolean, `yes` is an error, not `false`. */
export function bool(defaultValue: boolean, options: FieldOptions = {}): ConfigField<boolean> {
  return field(defaultValue, '"true" or "false"', options, (raw) => {
    const text = raw.trim().toLowerCase();
    if (text === 'true') return ok(true);
    if (text === 'false') return ok(false);
    return rejected;
  });
}

export interface StringOptions extends FieldOptions {
  readonly nonEmpty?: boolean;
}

export function string(defaultValue: string, options: StringOptions = {}): ConfigField<string> {
  const expected = options.nonEmpty ? 'a non-empty string' : 'a string';
  return field(defaultValue, expected, options, (raw) => {
    const text = raw.trim();
    return options.nonEmpty && text === '' ? rejected : ok(text);
  });
}

/** One of a fixed set of names, matched exactly (RocketMQ enums such as ASYNC_MASTER are upper case). */
export function oneOf<const V extends string>(values: readonly V[], defaultValue: NoInfer<V>, options: FieldOptions = {}): ConfigField<V> {
  const expected = `one of ${values.map((v) => `"${v}"`).join(', ')}`;
  return field(defaultValue, expected, options, (raw) => {
    const text = raw.trim();
    return (values as readonly string[]).includes(text) ? ok(text as V) : rejected;
  });
}

const DURATION_UNITS_MS: Readonly<Record<string, number>> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 };

export interface DurationOptions extends FieldOptions {
  readonly minMs?: number;
  readonly maxMs?: number;
}

/**
 * A duration in milliseconds. A bare number is milliseconds, as every RocketMQ `...Interval` /
 * `...Mills` key is; `500ms`, `5s`, `2m` and `1h` are accepted as a convenience.
 */
export function duration(defaultMs: number, options: DurationOptions = {}): ConfigField<number> {
  const minMs = options.minMs ?? 0;
  const maxMs = options.maxMs ?? Number.MAX_SAFE_INTEGER;
  const expected = `a duration (milliseconds, or a number with ms/s/m/h) in [${minMs}, ${maxMs}] ms`;
  return field(defaultMs, expected, options, (raw) => {
    const match = /^(\d+)\s*(ms|s|m|h)?$/.exec(raw.trim());
    if (!match) return rejected;
    const valueMs = Number(match[1]) * (DURATION_UNITS_MS[match[2] ?? 'ms'] as number);
    return Number.isSafeInteger(valueMs) && valueMs >= minMs && valueMs <= maxMs ? ok(valueMs) : rejected;
  });
}
