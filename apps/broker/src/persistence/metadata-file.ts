import { type Logger, silentLogger } from '@rocketmq-ts/base';
import { AtomicConfigFile, checkedTextSerializer } from '@rocketmq-ts/files';

/**
 * One of the broker's JSON metadata files under `<storePathRootDir>/config/` (topics.json,
 * subscriptionGroup.json, consumerOffset.json …; docs/store-and-ha.md#metadata-files). Managers depend on this
 * port only, so specs can use a memory fake and the file protocol lives in AtomicConfigFile (libs/files).
 */
export interface MetadataFile {
  readonly path: string;
  /** The current text (falling back to `.bak` when the main file is unreadable); undefined on first start. */
  read(): Promise<string | undefined>;
  /** Replaces the content durably; concurrent calls land in call order. */
  write(text: string): Promise<void>;
}

/**
 * MetadataFile over AtomicConfigFile (libs/files) (tmp + fsync, `.bak` copy, rename, directory fsync;
 * config/ is created when missing, since the broker may write topics.json before the store opens).
 * `check` throws on text that must not be loaded, so a half-written or garbled file falls back to
 * `.bak`; strict JSON by default.
 */
export class AtomicMetadataFile implements MetadataFile {
  private readonly file: AtomicConfigFile<string>;

  constructor(
    readonly path: string,
    logger: Logger = silentLogger,
    check: (text: string) => unknown = (text) => JSON.parse(text),
  ) {
    this.file = new AtomicConfigFile(path, checkedTextSerializer(check), logger);
  }

  read(): Promise<string | undefined> {
    return this.file.load();
  }

  write(text: string): Promise<void> {
    return this.file.persist(text);
  }
}
