import { setTimeout as sleep } from 'node:timers/promises';

export type StopOutcome = 'stopped' | 'timeout' | 'gone';

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists but is not ours; that still counts as alive.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** SIGTERM (a graceful shutdown for our servers), then waits up to `timeoutMs` for the process to exit. */
export async function stopProcess(pid: number, timeoutMs: number): Promise<StopOutcome> {
  try {
    process.kill(pid, 'SIGTERM');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ESRCH') return 'gone';
    throw error;
  }
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (!isAlive(pid)) return 'stopped';
    await sleep(100);
  }
  return isAlive(pid) ? 'timeout' : 'stopped';
}
