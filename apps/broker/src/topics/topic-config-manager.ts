import { type Clock, type Logger, silentLogger } from '@rocketmq-ts/base';
import { AUTO_CREATE_TOPIC_KEY_TOPIC, createTopicConfig, isInherited, PermName, type TopicConfig } from '@rocketmq-ts/model';
import { DataVersion, TopicConfigSerializeWrapper } from '@rocketmq-ts/protocol';

import { DataVersionCounter } from '../persistence/data-version-counter';
import type { MetadataFile } from '../persistence/metadata-file';
import { type SystemTopicOptions, systemTopicConfigs } from './system-topics';

export interface TopicConfigManagerOptions extends SystemTopicOptions {
  readonly file: MetadataFile;
  readonly clock: Clock;
  readonly logger?: Logger;
}

export type TopicChange = { readonly kind: 'created' | 'updated' | 'deleted'; readonly topic: string };
export type TopicChangeListener = (change: TopicChange) => void;

/** What creating a retry or DLQ topic needs (CONSUMER_SEND_MSG_BACK, heartbeat). */
export interface InternalTopicSpec {
  readonly queueNums: number;
  readonly perm: number;
  readonly topicSysFlag: number;
}

/**
 * The broker's topic table (topics.json): the system topics, topics created by admins, from
 * TBW102 on first send, and per-group retry topics. Every change bumps the DataVersion, is
 * persisted, and is announced to listeners (the registrar re-registers with the name server at
 * once, as Java's `registerBrokerAll` after a create).
 *
 * Owner of the table; no method awaits between reading and changing it. Writes to disk are
 * queued behind the change and awaited through `flushed()`.
 */
export class TopicConfigManager {
  private readonly table = new Map<string, TopicConfig>();
  private readonly version: DataVersionCounter;
  private readonly listeners: TopicChangeListener[] = [];
  private readonly logger: Logger;
  private lastWrite: Promise<void> = Promise.resolve();

  constructor(private readonly options: TopicConfigManagerOptions) {
    this.version = new DataVersionCounter(options.clock);
    this.logger = options.logger ?? silentLogger;
  }

  /** Reads topics.json (if any), then adds the system topics it lacks. A corrupt file fails the start. */
  async load(): Promise<void> {
    const text = await this.options.file.read();
    if (text !== undefined) {
      const wrapper = TopicConfigSerializeWrapper.decode(text);
      for (const [topic, config] of wrapper.topicConfigTable) this.table.set(topic, config);
      this.version.assign(wrapper.dataVersion);
    }
    let added = false;
    for (const config of systemTopicConfigs(this.options)) {
      if (this.table.has(config.topicName)) continue;
      this.table.set(config.topicName, config);
      added = true;
    }
    if (added) this.changed();
    this.logger.info({ path: this.options.file.path, topics: this.table.size }, 'topic config loaded');
  }

  selectTopicConfig(topic: string): TopicConfig | undefined {
    return this.table.get(topic);
  }

  get topicConfigTable(): ReadonlyMap<string, TopicConfig> {
    return this.table;
  }

  get dataVersion(): DataVersion {
    return this.version.current;
  }

  onChange(listener: TopicChangeListener): void {
    this.listeners.push(listener);
  }

  /**
   * SEND_MESSAGE's auto-create (docs/remoting-protocol.md#requests-the-broker-serves step 2): copy `defaultTopic` if it exists and
   * carries INHERIT, with min(requested, template write queues) queues and the template's perm
   * minus INHERIT. TBW102 counts as a template only while autoCreateTopicEnable is on, even if an
   * old topics.json still holds it. Undefined when the topic cannot be created.
   */
  createTopicInSendMessageMethod(
    topic: string,
    defaultTopic: string,
    requestedQueueNums: number,
    topicSysFlag: number,
  ): TopicConfig | undefined {
    const existing = this.table.get(topic);
    if (existing !== undefined) return existing;
    const template = this.table.get(defaultTopic);
    if (template === undefined || !isInherited(template.perm)) return undefined;
    if (defaultTopic === AUTO_CREATE_TOPIC_KEY_TOPIC && !this.options.autoCreateTopicEnable) return undefined;
    const queueNums = Math.max(0, Math.min(requestedQueueNums, template.writeQueueNums));
    const config = createTopicConfig(topic, {
      readQueueNums: queueNums,
      writeQueueNums: queueNums,
      perm: template.perm & ~PermName.PERM_INHERIT,
      topicSysFlag,
      topicFilterType: template.topicFilterType,
    });
    this.logger.info({ topic, defaultTopic, queueNums }, 'topic auto-created from template');
    this.put(config, 'created');
    return config;
  }

  /**
   * Retry (`%RETRY%<group>`) and DLQ topics: created on heartbeat / send-back with the group's
   * queue count; an existing one is returned as is.
   */
  createTopicInSendMessageBackMethod(topic: string, spec: InternalTopicSpec): TopicConfig {
    const existing = this.table.get(topic);
    if (existing !== undefined) return existing;
    const config = createTopicConfig(topic, {
      readQueueNums: spec.queueNums,
      writeQueueNums: spec.queueNums,
      perm: spec.perm,
      topicSysFlag: spec.topicSysFlag,
    });
    this.put(config, 'created');
    return config;
  }

  /** UPDATE_AND_CREATE_TOPIC: returns false (and changes nothing) when the stored config is identical. */
  updateTopicConfig(config: TopicConfig): boolean {
    const existing = this.table.get(config.topicName);
    if (existing !== undefined && sameTopicConfig(existing, config)) return false;
    this.put(config, existing === undefined ? 'created' : 'updated');
    return true;
  }

  deleteTopicConfig(topic: string): boolean {
    if (!this.table.delete(topic)) return false;
    this.changed({ kind: 'deleted', topic });
    return true;
  }

  /**
   * Slave metadata sync (docs/store-and-ha.md#replication): the master's table and DataVersion replace ours, topics
   * the master no longer has included. Returns false when the versions already match.
   */
  replaceFromMaster(table: ReadonlyMap<string, TopicConfig>, dataVersion: DataVersion): boolean {
    if (DataVersion.equals(this.version.current, dataVersion)) return false;
    this.table.clear();
    for (const [topic, config] of table) this.table.set(topic, config);
    this.version.assign(dataVersion);
    this.write();
    return true;
  }

  /** Resolves when every change made so far is on disk (shutdown, tests). */
  flushed(): Promise<void> {
    return this.lastWrite;
  }

  private put(config: TopicConfig, kind: TopicChange['kind']): void {
    this.table.set(config.topicName, config);
    this.changed({ kind, topic: config.topicName });
  }

  private changed(change?: TopicChange): void {
    this.version.next();
    this.write();
    if (change === undefined) return;
    for (const listener of this.listeners) listener(change);
  }

  private write(): void {
    const text = TopicConfigSerializeWrapper.encode({ topicConfigTable: this.table, dataVersion: this.version.current }).toString('utf8');
    this.lastWrite = this.options.file
      .write(text)
      .catch((error: unknown) => this.logger.error({ err: error, path: this.options.file.path }, 'topics.json write failed'));
  }
}

function sameTopicConfig(left: TopicConfig, right: TopicConfig): boolean {
  return (
    left.readQueueNums === right.readQueueNums &&
    left.writeQueueNums === right.writeQueueNums &&
    left.perm === right.perm &&
    left.topicFilterType === right.topicFilterType &&
    left.topicSysFlag === right.topicSysFlag &&
    left.order === right.order &&
    JSON.stringify(left.attributes) === JSON.stringify(right.attributes)
  );
}
