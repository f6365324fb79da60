import { afterAll, beforeEach } from 'vitest';

import { createTempDir, dumpLogs, processes, type TempDir } from '@rocketmq-ts/testing';

const tempDirs: TempDir[] = [];

/** A temp dir removed in afterAll (see `useProcessHygiene`). */
export function tempDir(prefix: string): TempDir {
  const dir = createTempDir(prefix);
  tempDirs.push(dir);
  return dir;
}

/**
 * Every suite: print the logs of every spawned process when a test fails, then stop every process
 * (SIGTERM, SIGKILL after 10 s) and remove the temp dirs, failed or not.
 */
export function useProcessHygiene(): void {
  beforeEach((context) => {
    context.onTestFailed(() => {
      process.stderr.write(`\n--- ${context.task.name} failed; logs of every spawned process ---\n${dumpLogs()}\n`);
    });
  });
  afterAll(async () => {
    await processes.stopAll({ graceMs: 10_000 });
    for (const dir of tempDirs.splice(0)) dir.remove();
  });
}

/** A name no earlier run used, for topics and groups. */
export function unique(prefix: string): string {
  return `${prefix}_${Date.now().toString(36)}_${Math.floor(Math.random() * 1e6).toString(36)}`;
}
