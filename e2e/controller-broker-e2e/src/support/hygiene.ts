import { afterAll, beforeEach } from 'vitest';

import { useProcessHygiene as useSharedHygiene } from '@rocketmq-ts/testing';

export { uniqueName as unique } from '@rocketmq-ts/testing';

/** Process logs on failure; every process stopped and temp dir removed after the file (libs/testing). */
export function useProcessHygiene(): void {
  useSharedHygiene({ beforeEach, afterAll });
}

export { suiteTempDir as tempDir } from '@rocketmq-ts/testing';
