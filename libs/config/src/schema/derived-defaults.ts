import type { ConfigIssue } from './config-error';
import type { ConfigField } from './config-field';

/**
 * Fills every key left at its default whose field has `defaultFrom` with the value its rule gives
 * for the source key's effective value. Runs after all given values are parsed, so the rule sees
 * e.g. a listenPort set on the command line. Returns one issue per key the rule gives no value for.
 */
export function applyDerivedDefaults(
  fields: Readonly<Record<string, ConfigField<unknown>>>,
  values: Record<string, unknown>,
  isGiven: (key: string) => boolean,
): ConfigIssue[] {
  const issues: ConfigIssue[] = [];
  for (const [key, field] of Object.entries(fields)) {
    const derived = field.defaultFrom;
    if (derived === undefined || isGiven(key)) continue;
    const source = values[derived.from];
    const value = derived.derive(source);
    if (value === undefined)
      issues.push({ key, message: `no default for ${derived.from}=${String(source)} (${derived.rule} is out of range); set ${key}` });
    else values[key] = value;
  }
  return issues;
}

/** Throws at schema definition when a derived default names a key the schema lacks. */
export function checkDerivedSources(fields: Readonly<Record<string, ConfigField<unknown>>>): void {
  for (const [key, field] of Object.entries(fields)) {
    const from = field.defaultFrom?.from;
    if (from !== undefined && !(from in fields))
      throw new Error(`config schema: ${key}'s default follows ${from}, which the schema does not define`);
  }
}
