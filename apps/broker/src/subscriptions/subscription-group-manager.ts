import { type Clock, type Logger, silentLogger } from '@rocketmq-ts/base';
import { hasOnlyValidNameChars } from '@rocketmq-ts/model';
import { createSubscriptionGroupConfig, DataVersion, type SubscriptionGroupConfig, SubscriptionGroupWrapper } from '@rocketmq-ts/protocol';

import { DataVersionCounter } from '../persistence/data-version-counter';
import type { MetadataFile } from '../persistence/metadata-file';

/** Groups a Java broker creates at start: admin tools and internal consumers. */
const SYSTEM_GROUPS = [
  'TOOLS_CONSUMER',
  'FILTERSRV_CONSUMER',
  'SELF_TEST_C_GROUP',
  'CID_ONS-HTTP-PROXY',
  'CID_ONSAPI_PULL',
  'CID_ONSAPI_PERMISSION',
  'CID_ONSAPI_OWNER',
  'CID_RMQ_SYS_TRANS',
];

export interface SubscriptionGroupManagerOptions {
  readonly file: MetadataFile;
  readonly clock: Clock;
  readonly autoCreateSubscriptionGroup: boolean;
  /** retryMaxTimes of auto-created groups (Java: 16). */
  readonly defaultRetryMaxTimes: number;
  readonly logger?: Logger;
}

/**
 * Consumer group settings (subscriptionGroup.json): retry queue count and max reconsume times,
 * whether the group may consume, whether members get NOTIFY_CONSUMER_IDS_CHANGED. Groups are
 * created on first heartbeat when autoCreateSubscriptionGroup is on, or by admins (code 200).
 *
 * Owner of the table; changes are synchronous, disk writes queued behind them (`flushed()`).
 */
export class SubscriptionGroupManager {
  private readonly table = new Map<string, SubscriptionGroupConfig>();
  private readonly version: DataVersionCounter;
  private readonly logger: Logger;
  private lastWrite: Promise<void> = Promise.resolve();

  constructor(private readonly options: SubscriptionGroupManagerOptions) {
    this.version = new DataVersionCounter(options.clock);
    this.logger = options.logger ?? silentLogger;
  }

  async load(): Promise<void> {
    const text = await this.options.file.read();
    if (text !== undefined) {
      const wrapper = SubscriptionGroupWrapper.decode(text);
      for (const [group, config] of wrapper.subscriptionGroupTable) this.table.set(group, config);
      this.version.assign(wrapper.dataVersion);
    }
    let added = false;
    for (const group of SYSTEM_GROUPS) {
      if (this.table.has(group)) continue;
      this.table.set(group, createSubscriptionGroupConfig(group, { consumeBroadcastEnable: true }));
      added = true;
    }
    if (added) this.changed();
  }

  /**
   * The group's config; with autoCreateSubscriptionGroup an unknown group with a valid name is
   * created with the defaults. Undefined when unknown and not creatable.
   */
  findSubscriptionGroupConfig(group: string): SubscriptionGroupConfig | undefined {
    const existing = this.table.get(group);
    if (existing !== undefined || !this.options.autoCreateSubscriptionGroup || !hasOnlyValidNameChars(group) || group === '')
      return existing;
    const config = createSubscriptionGroupConfig(group, { retryMaxTimes: this.options.defaultRetryMaxTimes });
    this.table.set(group, config);
    this.logger.info({ group }, 'subscription group auto-created');
    this.changed();
    return config;
  }

  /** Read-only lookup: never creates. */
  selectSubscriptionGroupConfig(group: string): SubscriptionGroupConfig | undefined {
    return this.table.get(group);
  }

  updateSubscriptionGroupConfig(config: SubscriptionGroupConfig): void {
    this.table.set(config.groupName, config);
    this.changed();
  }

  deleteSubscriptionGroupConfig(group: string): boolean {
    if (!this.table.delete(group)) return false;
    this.changed();
    return true;
  }

  get subscriptionGroupTable(): ReadonlyMap<string, SubscriptionGroupConfig> {
    return this.table;
  }

  get dataVersion(): DataVersion {
    return this.version.current;
  }

  /** Slave metadata sync: the master's groups and DataVersion replace ours; false when the versions match. */
  replaceFromMaster(table: ReadonlyMap<string, SubscriptionGroupConfig>, dataVersion: DataVersion): boolean {
    if (DataVersion.equals(this.version.current, dataVersion)) return false;
    this.table.clear();
    for (const [group, config] of table) this.table.set(group, config);
    this.version.assign(dataVersion);
    this.write();
    return true;
  }

  flushed(): Promise<void> {
    return this.lastWrite;
  }

  private changed(): void {
    this.version.next();
    this.write();
  }

  private write(): void {
    const text = SubscriptionGroupWrapper.encode({ subscriptionGroupTable: this.table, dataVersion: this.version.current }).toString(
      'utf8',
    );
    this.lastWrite = this.options.file
      .write(text)
      .catch((error: unknown) => this.logger.error({ err: error, path: this.options.file.path }, 'subscriptionGroup.json write failed'));
  }
}
