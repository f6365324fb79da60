import { InvariantViolation } from '@rocketmq-ts/base';

import { ConfigError } from './config-error';
import type { ConfigField } from './config-field';
import { applyDerivedDefaults, checkDerivedSources } from './derived-defaults';

/** A map from RocketMQ key name to its field. */
export type ConfigShape = Record<string, ConfigField<unknown>>;

/** The typed, read-only config a shape produces. */
export type ConfigOf<S extends ConfigShape> = { readonly [K in keyof S]: S[K] extends ConfigField<infer T> ? T : never };

export interface ConfigSchema<S extends ConfigShape> {
  readonly fields: S;
  readonly keys: readonly (keyof S & string)[];
  /** Every key at its default, frozen. */
  defaults(): ConfigOf<S>;
}

/** The field of `key`, a key from the schema's own list: a missing one is a broken schema, not bad input. */
export function fieldOf(fields: ConfigShape, key: string): ConfigField<unknown> {
  const field = fields[key];
  if (field === undefined) throw new InvariantViolation('config.schema-key', `no field ${key} in the schema`);
  return field;
}

/**
 * Declares an application's configuration, e.g.
 * `defineConfigSchema({ listenPort: port(9876), kvConfigPath: string('~/namesrv/kvConfig.json') })`.
 * The schema is plain data; `loadConfig` applies it to defaults, file, environment and CLI.
 */
export function defineConfigSchema<S extends ConfigShape>(fields: S): ConfigSchema<S> {
  const keys = Object.keys(fields) as (keyof S & string)[];
  checkDerivedSources(fields);
  const envOwners = new Map<string, string>();
  for (const key of keys) {
    const env = fields[key]?.env;
    if (env === undefined) continue;
    const owner = envOwners.get(env);
    if (owner !== undefined) throw new Error(`config schema: environment variable ${env} claimed by both ${owner} and ${key}`);
    envOwners.set(env, key);
  }
  return {
    fields,
    keys,
    defaults: () => {
      const values: Record<string, unknown> = {};
      for (const key of keys) values[key] = fieldOf(fields, key).defaultValue;
      const issues = applyDerivedDefaults(fields, values, () => false);
      if (issues.length > 0) throw new ConfigError(issues);
      return Object.freeze(values) as ConfigOf<S>;
    },
  };
}
