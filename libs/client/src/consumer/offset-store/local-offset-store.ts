import { join } from 'node:path';

import { type Logger } from '@rocketmq-ts/base';
import { readWithBackup, valueOf, writeFileAtomically } from '@rocketmq-ts/files';
import type { MessageQueue } from '@rocketmq-ts/model';
import { BodyReader, JsonEntries, MessageQueueJson, readJson, toQuantityLong, writeJsonBuffer } from '@rocketmq-ts/protocol';

import type { OffsetStore } from './offset-store';
import { OffsetTable } from './offset-table';

const BODY_NAME = 'OffsetSerializeWrapper';

export interface LocalOffsetStoreOptions {
  readonly dir: string;
  readonly clientId: string;
  readonly consumerGroup: string;
  readonly logger: Logger;
}

/**
 * Broadcasting: every member consumes everything, so offsets are this client's own, kept in
 * `<dir>/<clientId>/<group>/offsets.json` in Java's OffsetSerializeWrapper layout
 * (`{"offsetTable":{{"brokerName":…,"queueId":…,"topic":…}:offset}}`). Written by base's atomic
 * writer with the `.bak` Java's LocalFileOffsetStore keeps, so a crash mid-write leaves the previous
 * file whole, and read from the `.bak` when the file is damaged.
 */
export class LocalOffsetStore implements OffsetStore {
  private readonly table = new OffsetTable();
  readonly path: string;
  /** Writes run one after another: two overlapping renames could put an older table last. */
  private writing: Promise<void> = Promise.resolve();

  constructor(private readonly options: LocalOffsetStoreOptions) {
    this.path = join(options.dir, sanitize(options.clientId), sanitize(options.consumerGroup), 'offsets.json');
  }

  async load(): Promise<void> {
    const read = await readWithBackup(this.path, (text) => BodyReader.of(BODY_NAME, readJson(text)));
    if (read.main.kind === 'bad' && read.backup?.kind !== 'ok') throw new Error(`${this.path}: ${read.main.reason}`);
    const fields = valueOf(read);
    if (fields === undefined) return;
    if (read.main.kind === 'bad')
      this.options.logger.warn({ path: this.path, reason: read.main.reason }, 'local consumer offsets unreadable; loaded the .bak');
    fields.entries('offsetTable').forEach(([key, value], index) => {
      const queue = MessageQueueJson.fromJson(BODY_NAME, key, `$.offsetTable[${index}].key`);
      const offset = toQuantityLong(value);
      if (offset !== undefined) this.table.set(queue, offset, false);
    });
  }

  readMemory(queue: MessageQueue): number | undefined {
    return this.table.get(queue);
  }

  readStore(queue: MessageQueue): Promise<number | undefined> {
    return Promise.resolve(this.table.get(queue));
  }

  update(queue: MessageQueue, offset: number, increaseOnly: boolean): void {
    this.table.set(queue, offset, increaseOnly);
  }

  /** Writes the whole table: one file holds every queue of the group. */
  persistAll(): Promise<void> {
    const entries = this.table.all().map(({ queue, offset }) => [MessageQueueJson.toJson(queue), offset] as const);
    const bytes = writeJsonBuffer({ offsetTable: new JsonEntries(entries) });
    this.writing = this.writing.then(() => this.write(bytes));
    return this.writing;
  }

  persist(): Promise<void> {
    return this.persistAll();
  }

  remove(): void {
    // Broadcasting never hands a queue to another member; the offset stays for the next start.
  }

  private async write(bytes: Buffer): Promise<void> {
    try {
      await writeFileAtomically(this.path, bytes, { backup: true });
    } catch (error) {
      this.options.logger.warn({ path: this.path, err: error }, 'local consumer offsets not written');
    }
  }
}

/** Client ids hold `@` and `#`; keep them, but no path separators. */
function sanitize(part: string): string {
  return part.replace(/[/\\]/g, '_');
}
