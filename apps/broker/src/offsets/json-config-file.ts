import { mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';

import { type Logger, silentLogger } from '@rocketmq-ts/base';
import { readJson } from '@rocketmq-ts/protocol';
import { AtomicConfigFile } from '@rocketmq-ts/store';

/**
 * A broker config file holding fastjson text (consumerOffset.json, delayOffset.json): integer map
 * keys are written bare (`{0:12}`), which strict JSON.parse refuses, so the text is validated with
 * the protocol's lenient reader. The write protocol (tmp + fsync, `.bak`, rename, directory fsync)
 * and the `.bak` fallback on load are the store's AtomicConfigFile.
 */
export interface JsonConfigFile {
  readonly path: string;
  /** The current text, or `.bak`'s when the main file is unreadable; undefined on first start. */
  read(): Promise<string | undefined>;
  write(text: string): Promise<void>;
}

const fastjsonText = {
  serialize: (text: string) => text,
  deserialize: (text: string) => {
    readJson(text);
    return text;
  },
};

export function atomicJsonConfigFile(path: string, logger: Logger = silentLogger): JsonConfigFile {
  const file = new AtomicConfigFile(path, fastjsonText, logger);
  return {
    path,
    read: () => file.load(),
    write: async (text) => {
      await mkdir(dirname(path), { recursive: true });
      await file.persist(text);
    },
  };
}
