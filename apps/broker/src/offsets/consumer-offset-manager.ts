import { type Logger, silentLogger, systemClock, type TimerHandle, type Timers } from '@rocketmq-ts/base';

import {
  type ConsumerOffsetTable,
  decodeConsumerOffsetTable,
  encodeConsumerOffsetTable,
  splitTopicGroupKey,
  topicGroupKey,
} from './consumer-offset-table';
import type { JsonConfigFile } from './json-config-file';

export interface ConsumerOffsetManagerOptions {
  readonly file: JsonConfigFile;
  /** How often changed offsets are written (Java's flushConsumerOffsetInterval, 5 s). */
  readonly persistIntervalMs: number;
  readonly logger?: Logger;
  /** Where the persist period is scheduled; real timers by default. */
  readonly timers?: Timers;
}

/**
 * The broker's record of how far each consumer group got in each queue: `topic@group` → queueId →
 * offset. Clients commit through UPDATE_CONSUMER_OFFSET and the pull COMMIT_OFFSET bit; the table
 * is written to consumerOffset.json every few seconds when it changed, and at shutdown, so a
 * restart loses at most one interval of commits (clients re-commit every 5 s anyway).
 */
export class ConsumerOffsetManager {
  private table: ConsumerOffsetTable = new Map();
  private dirty = false;
  private timer: TimerHandle | undefined;
  private readonly timers: Timers;
  private writeChain: Promise<void> = Promise.resolve();
  private readonly logger: Logger;

  constructor(private readonly options: ConsumerOffsetManagerOptions) {
    this.logger = options.logger ?? silentLogger;
    this.timers = options.timers ?? systemClock;
  }

  /** Reads the file if present. An unreadable file is logged and ignored: clients re-commit. */
  async load(): Promise<void> {
    const text = await this.options.file.read();
    if (text === undefined || text.trim() === '') return;
    try {
      this.table = decodeConsumerOffsetTable(text);
      this.logger.info({ path: this.options.file.path, entries: this.table.size }, 'consumer offsets loaded');
    } catch (error) {
      this.logger.error({ err: error, path: this.options.file.path }, 'consumer offset file unreadable; starting empty');
    }
  }

  start(): void {
    if (this.timer !== undefined) return;
    this.timer = this.timers.setInterval(() => void this.persistIfChanged(), this.options.persistIntervalMs);
    this.timer.unref();
  }

  /** Stops the timer and writes the table one last time. */
  async shutdown(): Promise<void> {
    this.timers.clearInterval(this.timer);
    this.timer = undefined;
    await this.persist();
  }

  commitOffset(group: string, topic: string, queueId: number, offset: number): void {
    const key = topicGroupKey(topic, group);
    let queues = this.table.get(key);
    if (queues === undefined) {
      queues = new Map();
      this.table.set(key, queues);
    }
    if (queues.get(queueId) === offset) return;
    queues.set(queueId, offset);
    this.dirty = true;
  }

  /**
   * Slave metadata sync: every `topic@group` the master has replaces ours (Java's putAll); groups
   * only this slave knows stay.
   */
  putAll(table: ConsumerOffsetTable): void {
    for (const [key, queues] of table) this.table.set(key, new Map(queues));
    if (table.size > 0) this.dirty = true;
  }

  /** The whole table as consumerOffset.json holds it (GET_ALL_CONSUMER_OFFSET). */
  encodeAll(): string {
    return encodeConsumerOffsetTable(this.table);
  }

  /** The committed offset, or -1 when the group never committed for this queue. */
  queryOffset(group: string, topic: string, queueId: number): number {
    return this.table.get(topicGroupKey(topic, group))?.get(queueId) ?? -1;
  }

  /** queueId → offset of one group in one topic (empty when none). */
  offsetsOf(group: string, topic: string): ReadonlyMap<number, number> {
    return new Map(this.table.get(topicGroupKey(topic, group)) ?? []);
  }

  /** Groups that committed offsets for `topic` (GET_CONSUME_STATS, the exporter). */
  groupsOfTopic(topic: string): string[] {
    const groups: string[] = [];
    for (const key of this.table.keys()) {
      const parts = splitTopicGroupKey(key);
      if (parts?.topic === topic) groups.push(parts.group);
    }
    return groups;
  }

  /** Topics a group committed offsets for. */
  topicsOfGroup(group: string): string[] {
    const topics: string[] = [];
    for (const key of this.table.keys()) {
      const parts = splitTopicGroupKey(key);
      if (parts?.group === group) topics.push(parts.topic);
    }
    return topics;
  }

  /** Forgets a group's offsets in every topic (DELETE_SUBSCRIPTIONGROUP with cleanOffset). */
  removeGroup(group: string): void {
    for (const topic of this.topicsOfGroup(group)) this.table.delete(topicGroupKey(topic, group));
    this.dirty = true;
  }

  /** Writes the table now; writes are chained so they land in order. */
  persist(): Promise<void> {
    this.dirty = false;
    const text = encodeConsumerOffsetTable(this.table);
    const write = this.writeChain.then(() => this.options.file.write(text));
    this.writeChain = write.catch((error: unknown) => {
      this.dirty = true;
      this.logger.error({ err: error, path: this.options.file.path }, 'consumer offset write failed');
    });
    return write;
  }

  private async persistIfChanged(): Promise<void> {
    if (!this.dirty) return;
    await this.persist().catch(() => undefined); // logged by the chain
  }
}
