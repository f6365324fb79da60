import { mkdir, open, readFile, rename } from 'node:fs/promises';
import { dirname } from 'node:path';

/**
 * A broker JSON config file (consumerOffset.json, delayOffset.json) written so a crash leaves the
 * old or the new content, never half of one: temp file, fsync, rename, fsync of the directory.
 *
 * Stop-gap until the store's config-file helper (libs/store/src/config-file) lands; the owners of
 * these files only use `read` and `write`, so swapping the implementation touches nothing else.
 */
export interface JsonConfigFile {
  readonly path: string;
  /** The file's text, or undefined when it does not exist. */
  read(): Promise<string | undefined>;
  write(text: string): Promise<void>;
}

export function atomicJsonConfigFile(path: string): JsonConfigFile {
  return {
    path,
    read: async () => {
      try {
        return await readFile(path, 'utf8');
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
        throw error;
      }
    },
    write: (text) => writeFileAtomically(path, text),
  };
}

async function writeFileAtomically(path: string, text: string): Promise<void> {
  const directory = dirname(path);
  await mkdir(directory, { recursive: true });
  const temporaryPath = `${path}.tmp-${process.pid}`;
  const file = await open(temporaryPath, 'w');
  try {
    await file.writeFile(text, 'utf8');
    await file.sync();
  } finally {
    await file.close();
  }
  await rename(temporaryPath, path);
  const dir = await open(directory, 'r');
  try {
    await dir.sync();
  } finally {
    await dir.close();
  }
}
