import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

import { type Logger } from '@rocketmq-ts/base';
import { writeFileAtomically } from '@rocketmq-ts/files';
import { formatConfig, parseConfigUpdates } from '@rocketmq-ts/config';
import { PropertiesText } from '@rocketmq-ts/protocol';

import { type NamesrvConfig, namesrvConfigSchema } from './namesrv-config.schema';

/**
 * The name server's configuration at run time (docs/admin.md#name-server-configuration):
 * GET_NAMESRV_CONFIG (319) prints it, UPDATE_NAMESRV_CONFIG (318) changes it.
 *
 * Invariants:
 * - Remote updates are the risky half of this pair (a writable path key let RocketMQ's
 *   CVE-2023-33246/37582 write files): every key naming a file or a port is refused, whatever its
 *   value, and values are parsed by the schema's fields before anything is applied.
 * - The config object the app holds is this one; an update writes its fields in place, so keys
 *   read per request (orderMessageEnable, enableAllTopicList, enableTopicList) change at once.
 * - Accepted updates are persisted next to the KV file (`namesrv.properties`, RocketMQ's
 *   configStorePath default) and applied over the start-up configuration at the next start.
 */
export const NAMESRV_UPDATES_FILE = 'namesrv.properties';

const BLACK_LIST: ReadonlySet<string> = new Set([
  'rocketmqHome',
  'kvConfigPath',
  'configStorePath',
  'listenPort',
  'bindAddress',
  'httpPort',
]);

export type NamesrvConfigUpdate =
  { readonly kind: 'updated' } | { readonly kind: 'black-list' | 'invalid'; readonly problems: readonly string[] };

export class NamesrvRuntimeConfig {
  private readonly file: string;
  private readonly persisted: Map<string, string>;

  constructor(
    readonly config: NamesrvConfig,
    private readonly logger: Logger,
  ) {
    this.file = join(dirname(config.kvConfigPath), NAMESRV_UPDATES_FILE);
    this.persisted = readUpdates(this.file);
  }

  formatted(): string {
    return `${formatConfig(namesrvConfigSchema, this.config)}\n`;
  }

  async update(properties: ReadonlyMap<string, string>): Promise<NamesrvConfigUpdate> {
    const parsed = parseConfigUpdates(namesrvConfigSchema, properties, BLACK_LIST);
    if (parsed.kind !== 'ok') return parsed;
    for (const [key, value] of parsed.values) (this.config as Record<string, unknown>)[key] = value;
    for (const [key, text] of properties) this.persisted.set(key, text);
    await writeFileAtomically(this.file, PropertiesText.encode(this.persisted).toString('utf8'));
    this.logger.info({ changed: Object.fromEntries(properties) }, 'name server config updated at run time');
    return { kind: 'updated' };
  }
}

/** The start-up config with earlier runs' accepted updates applied: a fresh, mutable object. */
export function withPersistedNamesrvUpdates(config: NamesrvConfig, logger: Logger): NamesrvConfig {
  const updates: Record<string, unknown> = {};
  for (const [key, value] of readUpdates(join(dirname(config.kvConfigPath), NAMESRV_UPDATES_FILE))) {
    const parsed = parseConfigUpdates(namesrvConfigSchema, new Map([[key, value]]), BLACK_LIST);
    if (parsed.kind === 'ok') Object.assign(updates, Object.fromEntries(parsed.values));
    else logger.warn(`persisted name server config update skipped: ${parsed.problems.join('; ')}`);
  }
  return { ...config, ...updates } as NamesrvConfig;
}

function readUpdates(file: string): Map<string, string> {
  try {
    return PropertiesText.decode(readFileSync(file, 'utf8'));
  } catch {
    return new Map();
  }
}
