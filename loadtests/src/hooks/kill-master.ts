import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

const run = promisify(execFile);

export interface KillTarget {
  readonly brokerName: string;
  readonly addr: string;
}

/**
 * The failover hook. With a command (`--kill-command 'docker kill rmq-$BROKER_NAME'` in a container
 * stack), runs it through sh with BROKER_NAME and BROKER_ADDR set. Without one (a cluster from
 * `npm start` on this host), SIGKILLs the process listening on the master's port, found with
 * `ss -ltnp`: the port identifies exactly that broker, never another cluster's.
 */
export async function killMaster(target: KillTarget, command: string | undefined): Promise<string> {
  if (command !== undefined) {
    await run('sh', ['-c', command], { env: { ...process.env, BROKER_NAME: target.brokerName, BROKER_ADDR: target.addr }, timeout: 60_000 });
    return `ran "${command}" for ${target.brokerName} (${target.addr})`;
  }
  const port = target.addr.slice(target.addr.lastIndexOf(':') + 1);
  const { stdout } = await run('ss', ['-Hltnp', `sport = :${port}`], { timeout: 10_000 });
  const pid = Number(/pid=(\d+)/.exec(stdout)?.[1]);
  if (!Number.isInteger(pid) || pid <= 0) throw new Error(`no process of ours listens on ${target.addr} (ss -ltnp); pass --kill-command for a broker elsewhere`);
  process.kill(pid, 'SIGKILL');
  return `SIGKILLed pid ${pid}, the master of ${target.brokerName} (${target.addr})`;
}
