import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

import { listeningPid } from './listening-pid';

const run = promisify(execFile);

export interface KillTarget {
  readonly brokerName: string;
  readonly addr: string;
}

/**
 * The failover hook. With a command (`--kill-command 'docker kill rmq-$BROKER_NAME'` where the
 * runner has a Docker CLI), runs it through sh with BROKER_NAME and BROKER_ADDR set. Without one,
 * SIGKILLs the process listening on the master's port (found in /proc, see listening-pid.ts): the
 * port identifies exactly that broker, never another cluster's. That serves a cluster from
 * `npm start` and the compose stack alike (its `loadtest` service shares the host's pids; the
 * killed broker's container then restarts by its restart policy, as after a crash).
 */
export async function killMaster(target: KillTarget, command: string | undefined): Promise<string> {
  if (command !== undefined) {
    await run('sh', ['-c', command], {
      env: { ...process.env, BROKER_NAME: target.brokerName, BROKER_ADDR: target.addr },
      timeout: 60_000,
    });
    return `ran "${command}" for ${target.brokerName} (${target.addr})`;
  }
  const port = Number(target.addr.slice(target.addr.lastIndexOf(':') + 1));
  const pid = await listeningPid(port);
  if (pid === undefined)
    throw new Error(
      `no process this user can see listens on ${target.addr} (in a container: share the host's pids, as the compose loadtest service does); pass --kill-command for a broker elsewhere`,
    );
  process.kill(pid, 'SIGKILL');
  return `SIGKILLed pid ${pid}, the master of ${target.brokerName} (${target.addr})`;
}
