import { afterAll, beforeEach } from 'vitest';

import { dumpLogs, processes } from '@rocketmq-ts/testing';

import { removeTempDirs } from './cluster';

/** Logs of every spawned process when a test fails; every process stopped and temp dir removed after the file. */
export function useProcessHygiene(): void {
  beforeEach((context) => {
    context.onTestFailed(() => {
      process.stderr.write(`\n--- ${context.task.name} failed; logs of every spawned process ---\n${dumpLogs()}\n`);
    });
  });
  afterAll(async () => {
    await processes.stopAll({ graceMs: 10_000 });
    removeTempDirs();
  });
}

/** A name no earlier run used, for topics and groups. */
export function unique(prefix: string): string {
  return `${prefix}_${Date.now().toString(36)}_${Math.floor(Math.random() * 1e6).toString(36)}`;
}
