import type { ConfigField } from '../schema/config-field';
import type { ConfigSchema, ConfigShape } from '../schema/define-config-schema';

/**
 * Parses a run-time config update (UPDATE_BROKER_CONFIG / UPDATE_NAMESRV_CONFIG, docs/admin.md)
 * with the schema's own fields: every key is checked before anything is applied, so the caller can
 * refuse the whole update with one message per bad key. `blackList` keys (paths, ports, identity)
 * are refused first, as RocketMQ refuses its configBlackList.
 */
export type ConfigUpdateParse =
  | { readonly kind: 'ok'; readonly values: ReadonlyMap<string, unknown> }
  | { readonly kind: 'black-list' | 'invalid'; readonly problems: readonly string[] };

export function parseConfigUpdates<S extends ConfigShape>(
  schema: ConfigSchema<S>,
  properties: ReadonlyMap<string, string>,
  blackList: ReadonlySet<string>,
): ConfigUpdateParse {
  const blocked = [...properties.keys()].filter((key) => blackList.has(key));
  if (blocked.length > 0) return { kind: 'black-list', problems: blocked.map((key) => `${key}: may not be changed at run time`) };
  const values = new Map<string, unknown>();
  const problems: string[] = [];
  const fields = schema.fields as Record<string, ConfigField<unknown> | undefined>;
  for (const [key, text] of properties) {
    const field = fields[key];
    if (field === undefined) {
      problems.push(`${key}: unknown key`);
      continue;
    }
    const outcome = field.parse(text.trim());
    if (outcome.ok) values.set(key, outcome.value);
    else problems.push(`${key}: expected ${field.expected}, got "${text}"`);
  }
  return problems.length > 0 ? { kind: 'invalid', problems } : { kind: 'ok', values };
}
