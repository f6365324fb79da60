import { processes } from './process-harness';
import { createTempDir, type TempDir } from './temp-dir';

/**
 * The two vitest hooks the hygiene needs, passed in by the suite: this package is also loaded
 * outside vitest (tools/fixtures), so it must not import vitest itself.
 */
export interface SuiteHooks {
  beforeEach(listener: (context: { readonly task: { readonly name: string }; onTestFailed(handler: () => void): void }) => void): void;
  afterAll(listener: () => Promise<void>): void;
}

const suiteTempDirs: TempDir[] = [];

/** A temp dir that `useProcessHygiene` removes after the suite file, failed or not. */
export function suiteTempDir(prefix: string): TempDir {
  return removeAfterSuite(createTempDir(prefix));
}

/** Hands a temp dir made elsewhere (e.g. by startLocalBroker) to the suite's clean-up. */
export function removeAfterSuite(dir: TempDir): TempDir {
  suiteTempDirs.push(dir);
  return dir;
}

/**
 * Every process suite: print the logs of every spawned process when a test fails, then stop every
 * process (SIGTERM, SIGKILL after 10 s) and remove the suite's temp dirs.
 */
export function useProcessHygiene(hooks: SuiteHooks): void {
  hooks.beforeEach((context) => {
    context.onTestFailed(() => {
      process.stderr.write(`\n--- ${context.task.name} failed; logs of every spawned process ---\n${processes.dumpLogs()}\n`);
    });
  });
  hooks.afterAll(stopSuite);
}

/**
 * Every spawned process stopped (SIGTERM, SIGKILL after 10 s), every suite temp dir removed: also for scripts run
 * outside vitest (tools/bench).
 */
export async function stopSuite(): Promise<void> {
  await processes.stopAll({ graceMs: 10_000 });
  for (const dir of suiteTempDirs.splice(0)) dir.remove();
}

/** A name no earlier run used, for topics and groups. */
export function uniqueName(prefix: string): string {
  return `${prefix}_${Date.now().toString(36)}_${Math.floor(Math.random() * 1e6).toString(36)}`;
}
