import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

import { waitFor } from '@rocketmq-ts/testing';

// Debian "servers" for the packaging suite: containers of rocketmq-ts/debian-systemd:trixie with
// systemd as PID 1 on a bridge network the suite makes; the host reaches each at its address there.

const exec = promisify(execFile);
export const SYSTEMD_IMAGE = 'rocketmq-ts/debian-systemd:trixie';
/** Every container and network of the suite carries this label, so a run cleans up after an earlier one. */
export const LABEL = 'rocketmq-ts.suite=packaging-e2e';

export async function docker(args: readonly string[], timeoutMs = 120_000): Promise<string> {
  const { stdout } = await exec('docker', [...args], { timeout: timeoutMs, maxBuffer: 64 * 1024 * 1024 });
  return stdout;
}

export interface Host {
  readonly name: string;
  readonly address: string;
  /** Runs a shell command as root on the host; rejects with its output when it exits non-zero. */
  sh(command: string, timeoutMs?: number): Promise<string>;
}

/** Removes every container and network an earlier run of the suite left. */
export async function removeLeftovers(): Promise<void> {
  const containers = (await docker(['ps', '-aq', '--filter', `label=${LABEL}`])).split('\n').filter(Boolean);
  if (containers.length > 0) await docker(['rm', '-f', ...containers]);
  const networks = (await docker(['network', 'ls', '-q', '--filter', `label=${LABEL}`])).split('\n').filter(Boolean);
  if (networks.length > 0) await docker(['network', 'rm', ...networks]);
}

export async function createNetwork(name: string): Promise<void> {
  await docker(['network', 'create', '--label', LABEL, name]);
}

/**
 * Boots one server and waits until systemd has started everything (`is-system-running --wait`).
 * systemd needs a writable cgroup tree and SYS_ADMIN in the container; nothing else is granted.
 */
export async function startHost(name: string, network: string): Promise<Host> {
  await docker([
    'run',
    '-d',
    '--name',
    name,
    '--hostname',
    name,
    '--label',
    LABEL,
    '--network',
    network,
    '--cap-add',
    'SYS_ADMIN',
    '-v',
    '/sys/fs/cgroup:/sys/fs/cgroup:rw',
    '--tmpfs',
    '/run',
    '--tmpfs',
    '/run/lock',
    '--stop-signal',
    'SIGRTMIN+3',
    SYSTEMD_IMAGE,
  ]);
  const host: Host = {
    name,
    address: (await docker(['inspect', '-f', `{{(index .NetworkSettings.Networks "${network}").IPAddress}}`, name])).trim(),
    sh: async (command, timeoutMs = 120_000) => {
      try {
        return await docker(['exec', name, 'bash', '-c', command], timeoutMs);
      } catch (error) {
        const failed = error as { stdout?: string; stderr?: string; message: string };
        throw new Error(`${name}$ ${command}\n${failed.stdout ?? ''}${failed.stderr ?? failed.message}`);
      }
    },
  };
  // running or degraded (a unit this container cannot run): either way systemd is done starting.
  await waitFor(async () => /^(running|degraded)/.test(await host.sh('systemctl is-system-running --wait || true', 60_000)), {
    timeoutMs: 90_000,
    intervalMs: 1000,
    reason: `${name}: systemd up`,
  });
  return host;
}

/** `systemctl show` properties of a unit, as a record. */
export async function unitState(host: Host, unit: string): Promise<Record<string, string>> {
  const text = await host.sh(`systemctl show ${unit} -p ActiveState -p SubState -p MainPID -p NRestarts -p ExecMainStatus`);
  return Object.fromEntries(
    text
      .trim()
      .split('\n')
      .map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)]),
  );
}
