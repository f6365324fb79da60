/**
 * One configuration key: its default, how a raw string becomes a typed value, and which
 * environment variable (if any) may set it. Raw values always arrive as strings, whether from a
 * properties file, the environment or the command line, so every field parses from text.
 */
export type ParseOutcome<T> = { readonly ok: true; readonly value: T } | { readonly ok: false };

export interface ConfigField<T> {
  readonly defaultValue: T;
  /** Phrase completing "expected ...", e.g. `an integer in [1, 65535]`. */
  readonly expected: string;
  /** Documented environment variable that sets this key (read only by libs/config). */
  readonly env: string | undefined;
  readonly description: string | undefined;
  parse(raw: string): ParseOutcome<T>;
  /** Text form for printing the effective configuration (`-p`). */
  format(value: T): string;
  /** Set when the default follows another key (then `defaultValue` is not used). */
  readonly defaultFrom?: DerivedDefault<T>;
}

/**
 * A default computed from another key's effective value, as Java's haListenPort follows
 * listenPort: so that servers started with only a different `listenPort` get different ports.
 */
export interface DerivedDefault<T> {
  /** The key the default follows, e.g. `listenPort`. */
  readonly from: string;
  /** How the rule reads in messages and docs, e.g. `listenPort - 31`. */
  readonly rule: string;
  /** The default for the source key's value; undefined when the rule gives none (the key must be set). */
  derive(source: unknown): T | undefined;
}

export interface FieldOptions {
  readonly env?: string;
  readonly description?: string;
}

export function ok<T>(value: T): ParseOutcome<T> {
  return { ok: true, value };
}

export const rejected: ParseOutcome<never> = { ok: false };
