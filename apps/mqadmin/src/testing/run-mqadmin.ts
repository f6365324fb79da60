import { spawn } from 'node:child_process';

import { WORKSPACE_ROOT } from '@rocketmq-ts/testing';

export const MQADMIN_BIN = `${WORKSPACE_ROOT}/bin/mqadmin`;
export const MQSHUTDOWN_BIN = `${WORKSPACE_ROOT}/bin/mqshutdown`;
const RUN_TIMEOUT_MS = 60_000;

export interface CliRun {
  readonly exitCode: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs a bin/ script to completion as a user would: a real process, real argv, real exit code. */
export function runBin(bin: string, args: readonly string[], env: Record<string, string> = {}): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(bin, args, { cwd: WORKSPACE_ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    const stdout: Buffer[] = [];
    const stderr: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => stdout.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => stderr.push(chunk));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${bin} ${args.join(' ')} still running after ${RUN_TIMEOUT_MS} ms`));
    }, RUN_TIMEOUT_MS);
    child.once('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.once('close', (exitCode) => {
      clearTimeout(timer);
      resolve({ exitCode, stdout: Buffer.concat(stdout).toString('utf8'), stderr: Buffer.concat(stderr).toString('utf8') });
    });
  });
}

export function runMqadmin(args: readonly string[], env: Record<string, string> = {}): Promise<CliRun> {
  return runBin(MQADMIN_BIN, args, env);
}

/** The --json document of a run that must have succeeded; its output is the failure message otherwise. */
export async function mqadminJson<T>(args: readonly string[]): Promise<T> {
  const run = await runMqadmin([...args, '--json']);
  if (run.exitCode !== 0) throw new Error(`mqadmin ${args.join(' ')} exited ${String(run.exitCode)}\n${run.stdout}\n${run.stderr}`);
  return JSON.parse(run.stdout) as T;
}

/** The table text of a run that must have succeeded. */
export async function mqadminText(args: readonly string[]): Promise<string> {
  const run = await runMqadmin(args);
  if (run.exitCode !== 0) throw new Error(`mqadmin ${args.join(' ')} exited ${String(run.exitCode)}\n${run.stdout}\n${run.stderr}`);
  return run.stdout;
}
