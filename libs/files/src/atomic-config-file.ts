/**
 * A metadata file (`config/topics.json`, `consumerOffset.json`, ...) holding one value, replaced
 * atomically with the previous version kept as `X.bak` (docs/store-and-ha.md#metadata-files; the
 * write protocol is atomic-file.ts).
 *
 * load(): `X`, or `X.bak` when `X` is missing, empty or does not deserialize; undefined when
 * neither holds a value (first start), with a log line saying which was used and why.
 *
 * Persists of one file are serialized: a second persist waits for the first, so the temp file
 * is never written by two calls at once.
 */
import type { Logger } from '@rocketmq-ts/base';

import { backupPathOf, tempPathOf, writeFileAtomically } from './atomic-file';
import { readWithBackup } from './read-with-backup';

/** Turns a value into file text and back. `deserialize` throws on text it cannot read. */
export interface ConfigSerializer<T> {
  serialize(value: T): string;
  deserialize(text: string): T;
}

/** Pretty JSON, as RocketMQ writes its config files. */
export function jsonSerializer<T>(validate: (parsed: unknown) => T): ConfigSerializer<T> {
  return { serialize: (value) => JSON.stringify(value, null, 2), deserialize: (text) => validate(JSON.parse(text)) };
}

/** Text kept as is, accepted when `check` does not throw (e.g. a JSON parse). */
export function checkedTextSerializer(check: (text: string) => unknown): ConfigSerializer<string> {
  return {
    serialize: (text) => text,
    deserialize: (text) => {
      check(text);
      return text;
    },
  };
}

export class AtomicConfigFile<T> {
  readonly path: string;
  private readonly serializer: ConfigSerializer<T>;
  private readonly logger: Logger;
  private persisting: Promise<void> = Promise.resolve();

  constructor(path: string, serializer: ConfigSerializer<T>, logger: Logger) {
    this.path = path;
    this.serializer = serializer;
    this.logger = logger;
  }

  get backupPath(): string {
    return backupPathOf(this.path);
  }

  get tempPath(): string {
    return tempPathOf(this.path);
  }

  async load(): Promise<T | undefined> {
    const { main, backup } = await readWithBackup(this.path, (text) => this.serializer.deserialize(text));
    if (main.kind === 'ok') return main.value;
    if (main.kind === 'bad')
      this.logger.warn({ path: this.path, reason: main.reason }, `config file unreadable (${main.reason}); trying ${this.backupPath}`);
    if (backup?.kind === 'ok') {
      if (main.kind === 'missing') this.logger.warn({ path: this.path }, `config file missing; loaded ${this.backupPath}`);
      return backup.value;
    }
    if (backup?.kind === 'bad')
      this.logger.error({ path: this.backupPath, reason: backup.reason }, 'config backup unreadable too; starting empty');
    return undefined;
  }

  persist(value: T): Promise<void> {
    const text = this.serializer.serialize(value);
    const next = this.persisting.then(() => writeFileAtomically(this.path, text, { backup: true }));
    // The chain must survive a failed persist; the caller still sees the failure.
    this.persisting = next.catch(() => undefined);
    return next;
  }
}
