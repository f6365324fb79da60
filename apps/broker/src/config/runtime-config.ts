import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import type { Clock, Logger } from '@rocketmq-ts/base';
import { formatConfig, parseConfigUpdates } from '@rocketmq-ts/config';
import { DataVersion, PropertiesText } from '@rocketmq-ts/protocol';

import { DataVersionCounter } from '../persistence/data-version-counter';
import type { MetadataFile } from '../persistence/metadata-file';
import { type BrokerConfig, brokerConfigSchema } from './broker-config.schema';

/**
 * The broker's configuration at run time (docs/admin.md#broker-configuration): what
 * GET_BROKER_CONFIG (26) prints and UPDATE_BROKER_CONFIG (25) changes.
 *
 * Invariants:
 * - The config object every provider holds is this one; an update writes its fields in place, so
 *   code that reads a key per request (maxMessageSize, brokerPermission, autoCreateTopicEnable,
 *   longPollingEnable, …) sees the new value at once. Keys read once at start (lanes, timers)
 *   take effect at the next start, as in RocketMQ.
 * - An update is all or nothing: every key is parsed with the schema's own field first, and one
 *   bad key refuses the whole request with one message per key.
 * - Keys naming the broker, its files or its ports are refused (RocketMQ's config black list):
 *   a remote caller must not move the store or change the broker's identity.
 * - Accepted updates are persisted to `<storePathConfig>/broker.properties` (the file RocketMQ's
 *   brokerConfigPath names by default) and applied over the start-up configuration at the next
 *   start (`withPersistedUpdates`).
 */
export const BROKER_UPDATES_FILE = 'broker.properties';

const BLACK_LIST: ReadonlySet<string> = new Set([
  'rocketmqHome',
  'brokerClusterName',
  'brokerName',
  'brokerId',
  'brokerRole',
  'brokerIP1',
  'brokerIP2',
  'listenPort',
  'haListenPort',
  'bindAddress',
  'httpPort',
  'storePathRootDir',
  'storePathCommitLog',
  'storePathConsumeQueue',
  'storePathIndex',
  'storeCheckpoint',
  'abortFile',
  // A remote caller must not switch ACL off, point it at another file or swap the broker's credentials.
  'aclEnable',
  'aclFile',
  'accessKey',
  'secretKey',
]);

/** Keys whose values GET_BROKER_CONFIG shows masked. */
const SECRET_KEYS: ReadonlySet<string> = new Set(['secretKey']);

export type ConfigUpdateOutcome =
  | { readonly kind: 'updated'; readonly changed: readonly string[] }
  | { readonly kind: 'refused'; readonly code: 'black-list' | 'invalid'; readonly problems: readonly string[] };

type MutableConfig = { -readonly [K in keyof BrokerConfig]: BrokerConfig[K] };

export class RuntimeBrokerConfig {
  private readonly version: DataVersionCounter;
  private persisted = new Map<string, string>();
  private readonly listeners: Array<(changed: readonly string[]) => void> = [];

  constructor(
    /** The one mutable config object (see the invariants). */
    readonly config: BrokerConfig,
    private readonly file: MetadataFile,
    clock: Clock,
    private readonly logger: Logger,
  ) {
    this.version = new DataVersionCounter(clock);
  }

  async load(): Promise<void> {
    const text = await this.file.read();
    if (text !== undefined) this.persisted = PropertiesText.decode(text);
  }

  /** Every key as `key=value` lines, in schema order. */
  formatted(): string {
    const lines = formatConfig(brokerConfigSchema, this.config).split('\n');
    return `${lines.map(maskSecret).join('\n')}\n`;
  }

  dataVersionJson(): string {
    return DataVersion.encode(this.version.current).toString('utf8');
  }

  onChange(listener: (changed: readonly string[]) => void): void {
    this.listeners.push(listener);
  }

  async update(properties: ReadonlyMap<string, string>): Promise<ConfigUpdateOutcome> {
    const parsed = parseConfigUpdates(brokerConfigSchema, properties, BLACK_LIST);
    if (parsed.kind !== 'ok') return { kind: 'refused', code: parsed.kind, problems: parsed.problems };
    const target = this.config as MutableConfig;
    for (const [key, value] of parsed.values) (target as Record<string, unknown>)[key] = value;
    for (const [key, text] of properties) this.persisted.set(key, text);
    this.version.next();
    await this.file.write(PropertiesText.encode(this.persisted).toString('utf8'));
    const changed = [...parsed.values.keys()];
    this.logger.info({ changed: Object.fromEntries(properties) }, 'broker config updated at run time');
    for (const listener of this.listeners) listener(changed);
    return { kind: 'updated', changed };
  }
}

/**
 * The start-up config with the updates a previous run accepted (`<storePathConfig>/broker.properties`)
 * applied over it; returns the config unchanged when there is no such file. A persisted key that no
 * longer parses is reported and skipped, never fatal: the file was written by this code.
 */
export function withPersistedUpdates(config: BrokerConfig, storePathConfig: string, logger: Logger): BrokerConfig {
  let text: string;
  try {
    text = readFileSync(join(storePathConfig, BROKER_UPDATES_FILE), 'utf8');
  } catch {
    return { ...config };
  }
  const updates: Record<string, unknown> = {};
  for (const [key, value] of PropertiesText.decode(text)) {
    const parsed = parseConfigUpdates(brokerConfigSchema, new Map([[key, value]]), BLACK_LIST);
    if (parsed.kind === 'ok') Object.assign(updates, Object.fromEntries(parsed.values));
    else logger.warn(`persisted broker config update skipped: ${parsed.problems.join('; ')}`);
  }
  return { ...config, ...updates } as BrokerConfig;
}

function maskSecret(line: string): string {
  const equals = line.indexOf('=');
  if (equals < 0 || !SECRET_KEYS.has(line.slice(0, equals)) || equals === line.length - 1) return line;
  return `${line.slice(0, equals + 1)}******`;
}
