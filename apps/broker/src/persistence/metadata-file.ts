import { mkdir, open, readFile, rename } from 'node:fs/promises';
import { dirname } from 'node:path';

/**
 * One of the broker's JSON metadata files under `<storePathRootDir>/config/` (topics.json,
 * subscriptionGroup.json …; store-ha.md §5.1). Managers depend on this port only, so specs use a
 * memory fake and the file protocol lives in one place.
 */
export interface MetadataFile {
  readonly path: string;
  /** The current text, falling back to `<path>.bak` when the main file is missing, empty or not JSON; undefined when neither exists. */
  read(): Promise<string | undefined>;
  /** Replaces the content durably; concurrent calls land in call order. */
  write(text: string): Promise<void>;
}

/**
 * Java 5.x ConfigManager's protocol: rename the old file to `.bak`, write the new one, fsync it
 * and the directory. A crash leaves a readable file or a readable `.bak`.
 */
export class AtomicMetadataFile implements MetadataFile {
  private chain: Promise<void> = Promise.resolve();

  constructor(readonly path: string) {}

  async read(): Promise<string | undefined> {
    const main = await readIfJson(this.path);
    return main ?? (await readIfJson(`${this.path}.bak`));
  }

  write(text: string): Promise<void> {
    const write = this.chain.then(() => this.writeNow(text));
    this.chain = write.catch(() => undefined);
    return write;
  }

  private async writeNow(text: string): Promise<void> {
    const directory = dirname(this.path);
    await mkdir(directory, { recursive: true });
    try {
      await rename(this.path, `${this.path}.bak`);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
    const file = await open(this.path, 'w');
    try {
      await file.writeFile(text, 'utf8');
      await file.sync();
    } finally {
      await file.close();
    }
    const dir = await open(directory, 'r');
    try {
      await dir.sync();
    } finally {
      await dir.close();
    }
  }
}

async function readIfJson(path: string): Promise<string | undefined> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  if (text.trim() === '') return undefined;
  try {
    JSON.parse(text);
  } catch {
    return undefined;
  }
  return text;
}
