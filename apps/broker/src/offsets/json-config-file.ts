import { type Logger, silentLogger } from '@rocketmq-ts/base';
import { readJson } from '@rocketmq-ts/protocol';

import { AtomicMetadataFile, type MetadataFile } from '../persistence/metadata-file';

/**
 * A broker config file holding fastjson text (consumerOffset.json, delayOffset.json): integer map
 * keys are written bare (`{0:12}`), which strict JSON.parse refuses, so the text is checked with
 * the protocol's lenient reader. Otherwise the broker's one metadata file (persistence/metadata-file.ts).
 */
export type JsonConfigFile = MetadataFile;

export function atomicJsonConfigFile(path: string, logger: Logger = silentLogger): JsonConfigFile {
  return new AtomicMetadataFile(path, logger, readJson);
}
