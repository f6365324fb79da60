import type { ConfigField } from '../schema/config-field';
import type { ConfigOf, ConfigSchema, ConfigShape } from '../schema/define-config-schema';

/** The effective configuration as `key=value` lines (what `-p` prints), in schema order. */
export function formatConfig<S extends ConfigShape>(schema: ConfigSchema<S>, config: ConfigOf<S>): string {
  return schema.keys
    .map((key) => {
      const field = schema.fields[key] as ConfigField<unknown>;
      return `${key}=${field.format(config[key])}`;
    })
    .join('\n');
}
