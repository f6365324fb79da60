import { readFileSync } from 'node:fs';

import { type CommandLine, parseCommandLine } from '../cli/parse-command-line';
import { parsePropertyEntries, type PropertyEntry } from '../properties/parse-properties';
import { ConfigError, type ConfigIssue } from '../schema/config-error';
import { type ConfigOf, type ConfigSchema, type ConfigShape, fieldOf } from '../schema/define-config-schema';
import { applyDerivedDefaults } from '../schema/derived-defaults';
import { nearestKey } from '../schema/nearest-key';
import { errorMessage } from '@rocketmq-ts/base';

export type ConfigSource = 'default' | 'file' | 'env' | 'cli';

export interface LoadConfigOptions {
  /** Arguments after the script name, e.g. `process.argv.slice(2)`. */
  readonly argv: readonly string[];
  /** Defaults to `process.env`; only variables a field documents with `env` are read. */
  readonly env?: Readonly<Record<string, string | undefined>>;
  /** Defaults to reading UTF-8 from disk; tests pass a map lookup. */
  readonly readFile?: (path: string) => string;
}

export interface LoadedConfig<S extends ConfigShape> {
  readonly config: ConfigOf<S>;
  readonly sources: Readonly<Record<keyof S & string, ConfigSource>>;
  /** Unknown keys, each naming the nearest known key when one is close. */
  readonly warnings: readonly string[];
  readonly commandLine: CommandLine;
}

/** A raw value and where it came from, for error messages. */
interface RawValue {
  readonly text: string;
  readonly source: ConfigSource;
  readonly origin: string;
}

/**
 * Builds the effective configuration: defaults < properties file (`-c`) < documented environment
 * variables < command line. Validates every key once and throws one ConfigError listing all bad
 * keys; unknown keys only warn. The result is frozen.
 */
export function loadConfig<S extends ConfigShape>(schema: ConfigSchema<S>, options: LoadConfigOptions): LoadedConfig<S> {
  const commandLine = parseCommandLine(options.argv);
  const issues: ConfigIssue[] = commandLine.problems.map((message) => ({ key: 'command line', message }));
  const warnings: string[] = [];
  const known = new Set<string>(schema.keys);
  const raw = new Map<string, RawValue>();

  const acceptUnlessUnknown = (key: string, value: RawValue): void => {
    if (known.has(key)) {
      raw.set(key, value);
      return;
    }
    const suggestion = nearestKey(key, schema.keys);
    warnings.push(`unknown key "${key}" (${value.origin}) ignored${suggestion ? `; did you mean "${suggestion}"?` : ''}`);
  };

  if (commandLine.configFile !== undefined) {
    const path = commandLine.configFile;
    const entries = readPropertiesFile(path, options.readFile ?? readUtf8, issues);
    for (const entry of entries)
      acceptUnlessUnknown(entry.key, { text: entry.value, source: 'file', origin: `${path} line ${entry.lineNumber}` });
  }
  const env = options.env ?? process.env;
  for (const key of schema.keys) {
    const variable = schema.fields[key]?.env;
    const text = variable === undefined ? undefined : env[variable];
    if (variable !== undefined && text !== undefined && text !== '')
      raw.set(key, { text, source: 'env', origin: `environment ${variable}` });
  }
  for (const [key, text] of commandLine.overrides) acceptUnlessUnknown(key, { text, source: 'cli', origin: `--${key}` });

  const values: Record<string, unknown> = {};
  const sources: Record<string, ConfigSource> = {};
  for (const key of schema.keys) {
    const field = fieldOf(schema.fields, key);
    const given = raw.get(key);
    sources[key] = given?.source ?? 'default';
    if (given === undefined) {
      values[key] = field.defaultValue;
      continue;
    }
    const outcome = field.parse(given.text);
    if (outcome.ok) values[key] = outcome.value;
    else issues.push({ key, message: `expected ${field.expected}, got ${JSON.stringify(given.text)} (${given.origin})` });
  }
  // A derived default follows its source's effective value; a source that failed to parse has no
  // value to follow, and its own issue already says what to fix.
  const failed = new Set(issues.map((issue) => issue.key));
  const derivable = Object.fromEntries(Object.entries(schema.fields).filter(([key, field]) => !failed.has(field.defaultFrom?.from ?? key)));
  issues.push(...applyDerivedDefaults(derivable, values, (key) => raw.has(key)));
  if (issues.length > 0) throw new ConfigError(issues, warnings);
  return {
    config: Object.freeze(values) as ConfigOf<S>,
    sources: Object.freeze(sources) as Record<keyof S & string, ConfigSource>,
    warnings,
    commandLine,
  };
}

function readUtf8(path: string): string {
  return readFileSync(path, 'utf8');
}

function readPropertiesFile(path: string, readFile: (path: string) => string, issues: ConfigIssue[]): PropertyEntry[] {
  let text: string;
  try {
    text = readFile(path);
  } catch (error) {
    issues.push({ key: 'config file', message: `cannot read "${path}": ${errorMessage(error)}` });
    return [];
  }
  try {
    return parsePropertyEntries(text);
  } catch (error) {
    issues.push({ key: 'config file', message: `${path}: ${errorMessage(error)}` });
    return [];
  }
}
