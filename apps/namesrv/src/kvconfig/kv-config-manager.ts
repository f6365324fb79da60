import { type Logger, silentLogger } from '@rocketmq-ts/base';
import { readWithBackup, valueOf, writeFileAtomically } from '@rocketmq-ts/files';

/**
 * namespace → key → value, the namesrv's small persistent store (PUT/GET/DELETE_KV_CONFIG,
 * GET_KVLIST_BY_NAMESPACE). Brokers read `ORDER_TOPIC_CONFIG` from it.
 *
 * File format is Java's kvConfig.json, `{"configTable":{"<namespace>":{"<key>":"<value>"}}}`, so an
 * existing file can be carried over. Every change is written by the atomic writer of libs/files with the
 * `.bak` Java keeps (temp file, fsync, backup, rename, directory fsync; docs/store-and-ha.md#metadata-files):
 * a crash leaves either the old or the new file, never half of one. Writes are chained, so they
 * land in the order the changes were made. Load falls back to the `.bak` when the file is damaged.
 */
export class KvConfigManager {
  private readonly configTable = new Map<string, Map<string, string>>();
  private writeChain: Promise<void> = Promise.resolve();
  private readonly logger: Logger;

  constructor(
    private readonly kvConfigPath: string,
    logger: Logger = silentLogger,
  ) {
    this.logger = logger;
  }

  /** Reads the file (or its `.bak`) if it exists. A file that is not valid kvConfig JSON, with no readable `.bak`, fails the start. */
  async load(): Promise<void> {
    const read = await readWithBackup(this.kvConfigPath, (text) => parseKvConfigFile(text, this.kvConfigPath));
    if (read.main.kind === 'bad' && read.backup?.kind !== 'ok') throw new Error(read.main.reason);
    if (read.main.kind === 'bad')
      this.logger.warn({ path: this.kvConfigPath, reason: read.main.reason }, 'kv config unreadable; loaded its .bak');
    const table = valueOf(read);
    if (table === undefined) return;
    for (const [namespace, entries] of Object.entries(table)) this.configTable.set(namespace, new Map(Object.entries(entries)));
    this.logger.info({ path: this.kvConfigPath, namespaces: this.configTable.size }, 'kv config loaded');
  }

  /** Stores a value; resolves once it is durable on disk. */
  async put(namespace: string, key: string, value: string): Promise<void> {
    let entries = this.configTable.get(namespace);
    if (entries === undefined) {
      entries = new Map();
      this.configTable.set(namespace, entries);
    }
    entries.set(key, value);
    await this.persist();
  }

  get(namespace: string, key: string): string | undefined {
    return this.configTable.get(namespace)?.get(key);
  }

  /** Removes a value (a missing one is not an error, as in Java); resolves once durable. */
  async delete(namespace: string, key: string): Promise<void> {
    const entries = this.configTable.get(namespace);
    if (entries === undefined || !entries.delete(key)) return;
    if (entries.size === 0) this.configTable.delete(namespace);
    await this.persist();
  }

  /** A copy of one namespace, or undefined when it has no entries. */
  list(namespace: string): Map<string, string> | undefined {
    const entries = this.configTable.get(namespace);
    return entries === undefined || entries.size === 0 ? undefined : new Map(entries);
  }

  get namespaceCount(): number {
    return this.configTable.size;
  }

  /** Waits for every write queued so far (shutdown, tests). */
  flushed(): Promise<void> {
    return this.writeChain;
  }

  private persist(): Promise<void> {
    const snapshot = this.serialize();
    const write = this.writeChain.then(() => writeFileAtomically(this.kvConfigPath, snapshot, { backup: true }));
    // Keep the chain alive after a failed write; the failing caller still sees the error.
    this.writeChain = write.catch((error: unknown) => this.logger.error({ err: error, path: this.kvConfigPath }, 'kv config write failed'));
    return write;
  }

  private serialize(): string {
    const configTable: Record<string, Record<string, string>> = {};
    for (const [namespace, entries] of this.configTable) configTable[namespace] = Object.fromEntries(entries);
    return JSON.stringify({ configTable }, null, 2);
  }
}

function parseKvConfigFile(text: string, path: string): Record<string, Record<string, string>> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new Error(`kv config ${path} is not valid JSON: ${(error as Error).message}`);
  }
  const table = (parsed as { configTable?: unknown } | null)?.configTable;
  if (typeof table !== 'object' || table === null) throw new Error(`kv config ${path} has no "configTable" object`);
  const result: Record<string, Record<string, string>> = {};
  for (const [namespace, entries] of Object.entries(table)) {
    if (typeof entries !== 'object' || entries === null) throw new Error(`kv config ${path}: namespace "${namespace}" is not an object`);
    result[namespace] = Object.fromEntries(Object.entries(entries).map(([key, value]) => [key, String(value)]));
  }
  return result;
}
