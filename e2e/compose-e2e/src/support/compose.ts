import { execFile } from 'node:child_process';
import { connect } from 'node:net';
import { join } from 'node:path';
import { promisify } from 'node:util';

import { waitFor, WORKSPACE_ROOT } from '@rocketmq-ts/testing';

// compose/compose.yaml driven through the docker CLI as a user drives it, and what the suite
// reads back from the engine (health, logs, what the project left behind).

const exec = promisify(execFile);
export const COMPOSE_FILE = join(WORKSPACE_ROOT, 'compose/compose.yaml');
/** `name:` of compose/compose.yaml: the engine labels everything of the stack with it. */
export const PROJECT = 'rocketmq-ts';
export const APP_SERVICES = ['namesrv-1', 'namesrv-2', 'broker-a', 'broker-a-s', 'broker-b', 'broker-b-s', 'exporter', 'console'] as const;
/** Every listening port of the stack (README's port table, Prometheus 9090): all must be free before `up`. */
export const STACK_PORTS = [
  9876, 9877, 9845, 9846, 10911, 10912, 11011, 11012, 10921, 10922, 11021, 11022, 10880, 10980, 10890, 10990, 5557, 9090, 9465, 8082,
];

export async function docker(args: readonly string[], timeoutMs = 60_000): Promise<string> {
  const { stdout } = await exec('docker', [...args], { timeout: timeoutMs, maxBuffer: 64 * 1024 * 1024 });
  return stdout;
}

export async function compose(args: readonly string[], timeoutMs = 60_000): Promise<string> {
  return docker(['compose', '-f', COMPOSE_FILE, ...args], timeoutMs);
}

export interface LoadtestRun {
  readonly code: number;
  readonly output: string;
}

/**
 * `docker compose --profile loadtest run --rm loadtest <args>` as the README says, to its end: the
 * runner's exit code (0 held, 99 a threshold crossed) and its output, the summary included.
 */
export async function runLoadtest(args: readonly string[], timeoutMs: number): Promise<LoadtestRun> {
  try {
    const { stdout, stderr } = await exec(
      'docker',
      ['compose', '-f', COMPOSE_FILE, '--profile', 'loadtest', 'run', '--rm', '-T', 'loadtest', ...args],
      { timeout: timeoutMs, maxBuffer: 64 * 1024 * 1024 },
    );
    return { code: 0, output: stdout + stderr };
  } catch (error) {
    const failed = error as { code?: number | string; stdout?: string; stderr?: string; message: string };
    return { code: typeof failed.code === 'number' ? failed.code : -1, output: `${failed.stdout ?? ''}${failed.stderr ?? failed.message}` };
  }
}

export function containerOf(service: string): string {
  return `${PROJECT}-${service}-1`;
}

export async function healthOf(service: string): Promise<string> {
  return (
    await docker(['inspect', '-f', '{{if .State.Health}}{{.State.Health.Status}}{{else}}{{.State.Status}}{{end}}', containerOf(service)])
  ).trim();
}

export async function waitHealthy(service: string, timeoutMs: number): Promise<void> {
  await waitFor(async () => (await healthOf(service)) === 'healthy', { timeoutMs, intervalMs: 500, reason: `${service} healthy` });
}

/** Containers, networks and volumes the engine still holds for the project. */
export async function stackLeftovers(): Promise<string[]> {
  const filter = `label=com.docker.compose.project=${PROJECT}`;
  const listed = await Promise.all([
    docker(['ps', '-a', '--filter', filter, '--format', 'container {{.Names}}']),
    docker(['network', 'ls', '--filter', filter, '--format', 'network {{.Name}}']),
    docker(['volume', 'ls', '--filter', filter, '--format', 'volume {{.Name}}']),
  ]);
  return listed.flatMap((text) => text.split('\n')).filter((line) => line !== '');
}

/** Ports of the stack something already listens on (an `npm start` cluster, another stack). */
export async function busyPorts(): Promise<number[]> {
  const busy = await Promise.all(
    STACK_PORTS.map(
      (port) =>
        new Promise<number | undefined>((resolve) => {
          const socket = connect({ host: '127.0.0.1', port }, () => {
            socket.destroy();
            resolve(port);
          });
          socket.on('error', () => resolve(undefined));
        }),
    ),
  );
  return busy.filter((port): port is number => port !== undefined);
}

/** Seconds from a container's start to its "boot success" line (the engine's timestamps on both). */
export async function coldStartSeconds(service: string): Promise<number> {
  const startedAt = Date.parse((await docker(['inspect', '-f', '{{.State.StartedAt}}', containerOf(service)])).trim());
  const logs = await docker(['logs', '--timestamps', '--since', new Date(startedAt).toISOString(), containerOf(service)]);
  const boot = logs.split('\n').find((line) => line.includes('boot success'));
  if (boot === undefined) throw new Error(`${service}: no "boot success" line since ${new Date(startedAt).toISOString()}`);
  return (Date.parse(boot.slice(0, boot.indexOf(' '))) - startedAt) / 1000;
}
