import { mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';

import { type Logger, silentLogger } from '@rocketmq-ts/base';
import { AtomicConfigFile } from '@rocketmq-ts/store';

/**
 * One of the broker's JSON metadata files under `<storePathRootDir>/config/` (topics.json,
 * subscriptionGroup.json …; docs/store-and-ha.md#metadata-files). Managers depend on this port only, so specs can
 * use a memory fake and the file protocol lives in the store's AtomicConfigFile.
 */
export interface MetadataFile {
  readonly path: string;
  /** The current text (falling back to `.bak` when the main file is unreadable); undefined on first start. */
  read(): Promise<string | undefined>;
  /** Replaces the content durably; concurrent calls land in call order. */
  write(text: string): Promise<void>;
}

/** Text that must parse as JSON: a half-written or garbled file falls back to `.bak`. */
const jsonText = {
  serialize: (text: string) => text,
  deserialize: (text: string) => {
    JSON.parse(text);
    return text;
  },
};

/** MetadataFile over the store's AtomicConfigFile (tmp + fsync, `.bak` copy, rename, directory fsync). */
export class AtomicMetadataFile implements MetadataFile {
  private readonly file: AtomicConfigFile<string>;

  constructor(
    readonly path: string,
    logger: Logger = silentLogger,
  ) {
    this.file = new AtomicConfigFile(path, jsonText, logger);
  }

  read(): Promise<string | undefined> {
    return this.file.load();
  }

  async write(text: string): Promise<void> {
    // The store creates config/ only when it opens; the broker may write topics.json first.
    await mkdir(dirname(this.path), { recursive: true });
    await this.file.persist(text);
  }
}
