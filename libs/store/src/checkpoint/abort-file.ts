/**
 * The abort file (docs/store-and-ha.md#recovery): present while the store runs, removed on a clean shutdown.
 * Finding it at start means the last run did not shut down cleanly, which selects abnormal
 * recovery. It holds the PID of the process that created it, for whoever investigates.
 */
import { closeSync, existsSync, fsyncSync, openSync, rmSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';

import { fsyncDirectorySync } from '@rocketmq-ts/files';

/** True when the previous run shut down cleanly (no abort file left behind). */
export function lastExitWasClean(abortFilePath: string): boolean {
  return !existsSync(abortFilePath);
}

/** Creates (or overwrites) the abort file with this PID, durably: it must survive a power loss. */
export function createAbortFile(abortFilePath: string, pid: number = process.pid): void {
  const fd = openSync(abortFilePath, 'w');
  try {
    writeSync(fd, `${pid}\n`);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  fsyncDirectorySync(dirname(abortFilePath));
}

/** Removes the abort file: the store shut down cleanly. */
export function deleteAbortFile(abortFilePath: string): void {
  rmSync(abortFilePath, { force: true });
}
