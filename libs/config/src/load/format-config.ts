import { type ConfigOf, type ConfigSchema, type ConfigShape, fieldOf } from '../schema/define-config-schema';

/** The effective configuration as `key=value` lines (what `-p` prints), in schema order. */
export function formatConfig<S extends ConfigShape>(schema: ConfigSchema<S>, config: ConfigOf<S>): string {
  return schema.keys
    .map((key) => {
      const field = fieldOf(schema.fields, key);
      return `${key}=${field.format(config[key])}`;
    })
    .join('\n');
}
