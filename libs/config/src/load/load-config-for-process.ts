import { ConfigError } from '../schema/config-error';
import type { ConfigSchema, ConfigShape } from '../schema/define-config-schema';
import { formatConfig } from './format-config';
import { type LoadConfigOptions, type LoadedConfig, loadConfig } from './load-config';

export interface ProcessConfigOptions extends LoadConfigOptions {
  /** Printed for `-h`. */
  readonly usage: string;
  /** Defaults to process.stdout / process.stderr; tests capture them. */
  readonly writeOut?: (text: string) => void;
  readonly writeErr?: (text: string) => void;
}

export type ProcessConfigOutcome<S extends ConfigShape> =
  { readonly kind: 'run'; readonly loaded: LoadedConfig<S> } | { readonly kind: 'exit'; readonly exitCode: number };

/**
 * The command-line front every server process shares, as RocketMQ's bin scripts behave: `-h`
 * prints usage and `-p` the effective config (exit 0); an invalid config prints one line per bad
 * key, then the warnings, and exits 1. Otherwise the caller runs with the loaded config.
 */
export function loadConfigForProcess<S extends ConfigShape>(
  schema: ConfigSchema<S>,
  options: ProcessConfigOptions,
): ProcessConfigOutcome<S> {
  const writeOut = options.writeOut ?? ((text: string) => void process.stdout.write(text));
  const writeErr = options.writeErr ?? ((text: string) => void process.stderr.write(text));
  let loaded: LoadedConfig<S>;
  try {
    loaded = loadConfig(schema, options);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    writeErr(`${error.message}\n`);
    for (const warning of error.warnings) writeErr(`warning: ${warning}\n`);
    return { kind: 'exit', exitCode: 1 };
  }
  if (loaded.commandLine.help) {
    writeOut(`${options.usage}\n`);
    return { kind: 'exit', exitCode: 0 };
  }
  if (loaded.commandLine.printConfig) {
    writeOut(`${formatConfig(schema, loaded.config)}\n`);
    return { kind: 'exit', exitCode: 0 };
  }
  return { kind: 'run', loaded };
}
