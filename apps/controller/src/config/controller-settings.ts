import { type ConfigField, fieldOf, parseProperties } from '@rocketmq-ts/config';
import { writeFileAtomicallySync } from '@rocketmq-ts/files';
import { ResponseCode } from '@rocketmq-ts/protocol';

import { ALWAYS_BLACKLISTED, type ControllerConfig, controllerConfigSchema } from './controller-config.schema';

export type SettingsUpdateOutcome = { readonly code: number; readonly remark?: string };

/**
 * The live configuration behind UPDATE_CONTROLLER_CONFIG (1009) and GET_CONTROLLER_CONFIG (1010):
 * readers call `current` each time, so an update takes effect for the next decision. An update is
 * all-or-nothing: a blacklisted key answers NO_PERMISSION, an unparsable value INVALID_PARAMETER
 * naming the key, and nothing changes; accepted values are written to configStorePath.
 */
export class ControllerSettings {
  private config: ControllerConfig;

  constructor(initial: ControllerConfig) {
    this.config = initial;
  }

  get current(): ControllerConfig {
    return this.config;
  }

  /** 1010's body: every key as `key=value`, sorted, as Java's properties dump. */
  format(): string {
    const fields = controllerConfigSchema.fields as Record<string, ConfigField<unknown>>;
    const values = this.config as unknown as Record<string, unknown>;
    return `${Object.keys(fields)
      .sort()
      .map((key) => `${key}=${fieldOf(fields, key).format(values[key])}`)
      .join('\n')}\n`;
  }

  update(propertiesText: string): SettingsUpdateOutcome {
    const entries = parseProperties(propertiesText);
    if (entries.size === 0) return { code: ResponseCode.SYSTEM_ERROR, remark: 'string2Properties error' };
    const blacklist = new Set<string>([...ALWAYS_BLACKLISTED, ...this.config.configBlackList.split(';').map((key) => key.trim())]);
    const fields = controllerConfigSchema.fields as Record<string, ConfigField<unknown>>;
    const next: Record<string, unknown> = { ...this.config };
    for (const [key, raw] of entries) {
      if (blacklist.has(key)) return { code: ResponseCode.NO_PERMISSION, remark: `Can not update config in black list: ${key}` };
      const field = fields[key];
      if (!field) return { code: ResponseCode.INVALID_PARAMETER, remark: `unknown controller config key: ${key}` };
      const parsed = field.parse(raw);
      if (!parsed.ok) return { code: ResponseCode.INVALID_PARAMETER, remark: `${key}: expected ${field.expected}, got "${raw}"` };
      next[key] = parsed.value;
    }
    this.config = Object.freeze(next) as unknown as ControllerConfig;
    this.persist();
    return { code: ResponseCode.SUCCESS };
  }

  private persist(): void {
    // Java's Configuration.persist keeps the previous file as .bak, as every metadata file here does.
    writeFileAtomicallySync(this.config.configStorePath, this.format(), { backup: true });
  }
}
