import { type ChildProcess, spawn } from 'node:child_process';
import { EventEmitter } from 'node:events';
import { createWriteStream, type WriteStream } from 'node:fs';
import { connect } from 'node:net';
import { join } from 'node:path';

import { describeError } from '@rocketmq-ts/base';

import { LOOPBACK } from './ports';
import { RingBuffer } from './ring-buffer';
import { createTempDir, type TempDir } from './temp-dir';
import { waitFor, WaitAbortedError, WaitTimeoutError } from './wait-for';

export interface SpawnOptions {
  /** Short unique label used in logs, e.g. `namesrv` or `java-broker`. */
  name: string;
  command: string;
  args?: readonly string[];
  /** Merged over the parent's environment; `undefined` removes a variable. */
  env?: Record<string, string | undefined>;
  cwd?: string;
  /** Also append every line to a file: a path, or `true` for `<registry log dir>/<name>.log`. */
  logFile?: string | boolean;
  /** Lines kept in memory for `output()` and `dumpLogs()` (default 2000). */
  maxLines?: number;
  /** Copy lines to this process's stderr as they arrive (default: env `E2E_ECHO=1`). */
  echo?: boolean;
}

export interface OutputLine {
  stream: 'stdout' | 'stderr';
  text: string;
}

export interface ExitInfo {
  code: number | null;
  signal: NodeJS.Signals | null;
  /** Set when the process could not be started at all (e.g. ENOENT). */
  spawnError?: Error;
}

export interface BoundedWait {
  timeoutMs: number;
  reason: string;
}

/**
 * One child process with its output captured. The child runs in its own process group, so a
 * signal reaches a launcher script's children too (a `bin/` wrapper, `java` under `sh`).
 */
export class ManagedProcess {
  readonly name: string;
  readonly command: string;
  readonly args: readonly string[];
  readonly logFile: string | undefined;
  /** Settles once, when the process exits or fails to start. */
  readonly exited: Promise<ExitInfo>;

  private readonly child: ChildProcess;
  private readonly buffer: RingBuffer<OutputLine>;
  private readonly events = new EventEmitter();
  private readonly partial = { stdout: '', stderr: '' };
  private readonly logStream: WriteStream | undefined;
  private readonly echo: boolean;
  private exitInfo: ExitInfo | undefined;

  constructor(options: SpawnOptions, logDir: () => string) {
    this.name = options.name;
    this.command = options.command;
    this.args = options.args ?? [];
    this.buffer = new RingBuffer<OutputLine>(options.maxLines ?? 2000);
    this.echo = options.echo ?? process.env['E2E_ECHO'] === '1';
    this.events.setMaxListeners(0);
    if (options.logFile === true) this.logFile = join(logDir(), `${options.name.replace(/[^A-Za-z0-9._-]/g, '_')}.log`);
    else if (typeof options.logFile === 'string') this.logFile = options.logFile;
    this.logStream = this.logFile === undefined ? undefined : createWriteStream(this.logFile, { flags: 'a' });

    const env: NodeJS.ProcessEnv = { ...process.env };
    for (const [key, value] of Object.entries(options.env ?? {})) {
      if (value === undefined) delete env[key];
      else env[key] = value;
    }
    this.child = spawn(options.command, [...this.args], {
      cwd: options.cwd,
      env,
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.exited = new Promise<ExitInfo>((resolve) => {
      this.child.once('exit', (code, signal) => {
        this.flushPartial();
        this.settle({ code, signal }, resolve);
      });
      this.child.once('error', (error) => {
        // 'error' without a pid means the process never started; once started, 'exit' settles.
        if (this.child.pid === undefined) {
          this.record('stderr', `[harness] failed to start ${options.command}: ${error.message}`);
          this.settle({ code: null, signal: null, spawnError: error }, resolve);
        } else {
          this.record('stderr', `[harness] process error: ${error.message}`);
        }
      });
    });
    this.child.once('close', () => {
      this.flushPartial();
      this.endLogFile();
    });
    this.child.stdout?.setEncoding('utf8').on('data', (chunk: string) => this.onData('stdout', chunk));
    this.child.stderr?.setEncoding('utf8').on('data', (chunk: string) => this.onData('stderr', chunk));
  }

  get pid(): number | undefined {
    return this.child.pid;
  }

  /** Exit code and signal once the process has ended, else `undefined`. */
  get exit(): ExitInfo | undefined {
    return this.exitInfo;
  }

  get running(): boolean {
    return this.exitInfo === undefined;
  }

  /** The retained lines, oldest first. */
  lines(): OutputLine[] {
    return this.buffer.toArray();
  }

  /** The retained output as text (stdout and stderr interleaved in arrival order). */
  output(): string {
    return this.lines()
      .map((line) => line.text)
      .join('\n');
  }

  /**
   * Resolves with the first line (already captured or still to come) that matches `pattern`.
   * Fails at once if the process exits first, and after `timeoutMs` otherwise.
   */
  waitForOutput(pattern: RegExp, wait: BoundedWait): Promise<RegExpMatchArray> {
    const matcher = new RegExp(pattern.source, pattern.flags.replace('g', ''));
    for (const line of this.buffer.toArray()) {
      const match = matcher.exec(line.text);
      if (match) return Promise.resolve(match);
    }
    return new Promise<RegExpMatchArray>((resolve, reject) => {
      const started = Date.now();
      const cleanup = (): void => {
        clearTimeout(timer);
        this.events.off('line', onLine);
        this.events.off('exit', onExit);
      };
      const onLine = (line: OutputLine): void => {
        const match = matcher.exec(line.text);
        if (match) {
          cleanup();
          resolve(match);
        }
      };
      const onExit = (info: ExitInfo): void => {
        cleanup();
        reject(
          new Error(
            `${this.name} exited (${formatExit(info)}) before printing ${String(pattern)} while waiting for: ${wait.reason}\n${this.tail(30)}`,
          ),
        );
      };
      const timer = setTimeout(() => {
        cleanup();
        reject(
          new WaitTimeoutError(
            wait.reason,
            Date.now() - started,
            1,
            new Error(`no line of ${this.name} matched ${String(pattern)}\n${this.tail(30)}`),
          ),
        );
      }, wait.timeoutMs);
      this.events.on('line', onLine);
      this.events.on('exit', onExit);
      if (this.exitInfo !== undefined) onExit(this.exitInfo);
    });
  }

  /** Polls until something accepts TCP connections on `host:port`; fails at once if this process exits. */
  async waitForPort(port: number, wait: BoundedWait & { host?: string }): Promise<void> {
    const host = wait.host ?? LOOPBACK;
    await waitFor(
      async () => {
        if (this.exitInfo !== undefined) {
          throw new WaitAbortedError(
            `${this.name} exited (${formatExit(this.exitInfo)}) before ${host}:${port} accepted connections\n${this.tail(30)}`,
          );
        }
        await probeTcp(host, port);
        return true;
      },
      { timeoutMs: wait.timeoutMs, intervalMs: 100, reason: wait.reason },
    );
  }

  /** Waits for the process to end on its own. */
  async waitForExit(wait: BoundedWait): Promise<ExitInfo> {
    let timer: NodeJS.Timeout | undefined;
    const started = Date.now();
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new WaitTimeoutError(wait.reason, Date.now() - started, 1, new Error(`${this.name} still running\n${this.tail(30)}`))),
        wait.timeoutMs,
      );
    });
    try {
      return await Promise.race([this.exited, timeout]);
    } finally {
      clearTimeout(timer);
    }
  }

  /** Sends `signal` to the whole process group; false when the process is already gone. */
  kill(signal: NodeJS.Signals = 'SIGTERM'): boolean {
    const pid = this.child.pid;
    if (pid === undefined || this.exitInfo !== undefined) return false;
    try {
      process.kill(-pid, signal);
      return true;
    } catch {
      try {
        return this.child.kill(signal);
      } catch {
        return false;
      }
    }
  }

  /** SIGTERM, then SIGKILL if the process is still alive after `graceMs` (default 5 s). */
  async stop(options: { graceMs?: number } = {}): Promise<ExitInfo> {
    if (this.exitInfo !== undefined) return this.exitInfo;
    this.kill('SIGTERM');
    let timer: NodeJS.Timeout | undefined;
    const grace = new Promise<'grace-expired'>((resolve) => {
      timer = setTimeout(() => resolve('grace-expired'), options.graceMs ?? 5000);
    });
    const first = await Promise.race([this.exited, grace]);
    clearTimeout(timer);
    if (first !== 'grace-expired') return first;
    this.record('stderr', `[harness] ${this.name} ignored SIGTERM for ${options.graceMs ?? 5000} ms; sending SIGKILL`);
    this.kill('SIGKILL');
    return this.exited;
  }

  /** The last `count` retained lines, prefixed, for error messages. */
  tail(count: number): string {
    const lines = this.buffer.toArray().slice(-count);
    return lines.map((line) => `  [${this.name} ${line.stream}] ${line.text}`).join('\n');
  }

  /** Everything retained, with a header naming the process, its state and its log file. */
  formatLogs(): string {
    const state = this.exitInfo === undefined ? 'running' : `exited: ${formatExit(this.exitInfo)}`;
    const dropped = this.buffer.dropped > 0 ? `, ${this.buffer.dropped} earlier lines dropped` : '';
    const file = this.logFile === undefined ? '' : `, full log: ${this.logFile}`;
    const header = `===== ${this.name} (pid ${this.pid ?? 'none'}, ${state}${dropped}${file})\n  $ ${[this.command, ...this.args].join(' ')}`;
    return `${header}\n${this.tail(this.buffer.capacity)}\n===== end of ${this.name}`;
  }

  private onData(stream: 'stdout' | 'stderr', chunk: string): void {
    const text = this.partial[stream] + chunk;
    const parts = text.split('\n');
    this.partial[stream] = parts.pop() ?? '';
    for (const part of parts) this.record(stream, part.replace(/\r$/, ''));
  }

  private flushPartial(): void {
    for (const stream of ['stdout', 'stderr'] as const) {
      if (this.partial[stream] !== '') this.record(stream, this.partial[stream]);
      this.partial[stream] = '';
    }
  }

  private record(stream: 'stdout' | 'stderr', text: string): void {
    const line: OutputLine = { stream, text };
    this.buffer.push(line);
    // Output can still arrive after 'exit' (a pipe drained late, or held by a grandchild): it stays
    // in memory, but the log file was closed with the exit line.
    if (this.logStream !== undefined && !this.logStream.writableEnded) this.logStream.write(`[${stream}] ${text}\n`);
    if (this.echo) process.stderr.write(`[${this.name}] ${text}\n`);
    this.events.emit('line', line);
  }

  private endLogFile(): void {
    if (this.logStream === undefined || this.logStream.writableEnded) return;
    this.logStream.end(`[harness] exited: ${this.exitInfo === undefined ? 'unknown' : formatExit(this.exitInfo)}\n`);
  }

  private settle(info: ExitInfo, resolve: (info: ExitInfo) => void): void {
    if (this.exitInfo !== undefined) return;
    this.exitInfo = info;
    // The log file closes when the child's pipes do ('close'): output can still arrive after 'exit'
    // (a pipe drained late, or held by a grandchild), and belongs in the file.
    if (info.spawnError !== undefined) this.endLogFile();
    this.events.emit('exit', info);
    resolve(info);
  }
}

export function formatExit(info: ExitInfo): string {
  if (info.spawnError) return `failed to start: ${info.spawnError.message}`;
  return info.signal === null ? `code ${String(info.code)}` : `signal ${info.signal}`;
}

function probeTcp(host: string, port: number): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    const socket = connect({ host, port });
    socket.setTimeout(1000);
    socket.once('connect', () => {
      socket.destroy();
      resolve();
    });
    socket.once('timeout', () => {
      socket.destroy();
      reject(new Error(`connect to ${host}:${port} timed out`));
    });
    socket.once('error', (error) => {
      socket.destroy();
      reject(new Error(`connect to ${host}:${port}: ${describeError(error)}`));
    });
  });
}

/**
 * Every process a test started, so that a failure can print all their logs and `afterAll` can
 * stop whatever is left. Leftovers are also SIGKILLed when the test process itself exits.
 */
export class ProcessRegistry {
  private readonly processes: ManagedProcess[] = [];
  private logDir: TempDir | undefined;
  private exitHookInstalled = false;

  spawn(options: SpawnOptions): ManagedProcess {
    this.installExitHook();
    const managed = new ManagedProcess(options, () => this.logDirectory());
    this.processes.push(managed);
    return managed;
  }

  list(): readonly ManagedProcess[] {
    return this.processes;
  }

  /** Directory for `logFile: true` (created on first use and kept for inspection after the run). */
  logDirectory(): string {
    this.logDir ??= createTempDir('logs');
    return this.logDir.path;
  }

  dumpLogs(): string {
    if (this.processes.length === 0) return '(no processes were started)';
    return this.processes.map((managed) => managed.formatLogs()).join('\n');
  }

  /** Stops every process still running (SIGTERM, then SIGKILL after the grace period) and forgets them all. */
  async stopAll(options: { graceMs?: number } = {}): Promise<void> {
    const all = this.processes.splice(0);
    await Promise.all(all.map((managed) => managed.stop(options)));
  }

  /** Synchronously signals every process still running (SIGKILL by default). */
  killAll(signal: NodeJS.Signals = 'SIGKILL'): void {
    for (const managed of this.processes) managed.kill(signal);
  }

  private installExitHook(): void {
    if (this.exitHookInstalled) return;
    this.exitHookInstalled = true;
    process.once('exit', () => this.killAll('SIGKILL'));
  }
}

/** The registry most tests use. */
export const processes = new ProcessRegistry();

export function spawnProcess(options: SpawnOptions): ManagedProcess {
  return processes.spawn(options);
}

export function dumpLogs(): string {
  return processes.dumpLogs();
}

/** Runs `action`; if it throws, writes every process's logs to stderr and rethrows. */
export async function withLogsOnFailure<T>(action: () => Promise<T>, registry: ProcessRegistry = processes): Promise<T> {
  try {
    return await action();
  } catch (error) {
    process.stderr.write(`\n${describeError(error)}\n--- logs of every spawned process ---\n${registry.dumpLogs()}\n`);
    throw error;
  }
}
