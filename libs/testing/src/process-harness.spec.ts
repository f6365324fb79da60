import { existsSync, readFileSync } from 'node:fs';

import { afterAll, describe, expect, it } from 'vitest';

import { freePort } from './ports';
import { ProcessRegistry, withLogsOnFailure } from './process-harness';
import { rejectionOf, waitFor, WaitTimeoutError } from './wait-for';

const registry = new ProcessRegistry();

afterAll(async () => {
  await registry.stopAll({ graceMs: 1000 });
});

function node(name: string, script: string, env: Record<string, string> = {}): ReturnType<ProcessRegistry['spawn']> {
  return registry.spawn({ name, command: process.execPath, args: ['-e', script], env });
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

describe('Testing > process harness', () => {
  it('captures stdout and stderr line by line and reports the exit code', async () => {
    const child = node(
      'lines',
      "process.stdout.write('one\\ntw'); setTimeout(() => { process.stdout.write('o\\n'); console.error('oops'); process.exit(3); }, 50);",
    );
    const exit = await child.exited;
    expect(exit).toEqual({ code: 3, signal: null });
    expect(child.exit).toEqual({ code: 3, signal: null });
    expect(child.running).toBe(false);
    expect(child.lines()).toEqual([
      { stream: 'stdout', text: 'one' },
      { stream: 'stdout', text: 'two' },
      { stream: 'stderr', text: 'oops' },
    ]);
  });

  it('waits for a line printed later and returns its match groups', async () => {
    const child = node('ready-later', "setTimeout(() => console.log('boot success on port 4242'), 200); setInterval(() => {}, 1000);");
    const match = await child.waitForOutput(/boot success on port (\d+)/, { timeoutMs: 10_000, reason: 'child booted' });
    expect(match[1]).toBe('4242');
    const again = await child.waitForOutput(/boot success/g, { timeoutMs: 10, reason: 'already printed' });
    expect(again[0]).toBe('boot success');
    await child.stop();
  });

  it('fails a wait for output at once when the process exits first, quoting its output', async () => {
    const child = node('dies-early', "console.error('fatal: bad config'); process.exit(2);");
    const error = await rejectionOf(child.waitForOutput(/boot success/, { timeoutMs: 30_000, reason: 'child booted' }));
    expect(error.message).toContain('dies-early exited (code 2)');
    expect(error.message).toContain('child booted');
    expect(error.message).toContain('fatal: bad config');
  });

  it('times out a wait for output with the reason', async () => {
    const child = node('silent', 'setInterval(() => {}, 1000);');
    const error = await rejectionOf(child.waitForOutput(/never/, { timeoutMs: 100, reason: 'a line that never comes' }));
    expect(error).toBeInstanceOf(WaitTimeoutError);
    expect(error.message).toContain('a line that never comes');
    await child.stop();
  });

  it('waits until the child accepts TCP connections', async () => {
    const port = await freePort();
    const child = node(
      'listener',
      "setTimeout(() => require('node:net').createServer((s) => s.end()).listen(Number(process.env.PORT), '127.0.0.1'), 200);",
      { PORT: String(port) },
    );
    await child.waitForPort(port, { timeoutMs: 10_000, reason: 'listener bound its port' });
    expect(child.running).toBe(true);
    await child.stop();
  });

  it('stops waiting for a port when the child exits', async () => {
    const port = await freePort();
    const child = node('no-listener', "console.log('exiting without listening'); process.exit(1);");
    const error = await rejectionOf(child.waitForPort(port, { timeoutMs: 30_000, reason: 'port that never opens' }));
    expect(error.message).toContain('no-listener exited (code 1)');
    expect(error.message).toContain('port that never opens');
  });

  it('stops a cooperative child with SIGTERM', async () => {
    const child = node(
      'cooperative',
      "process.on('SIGTERM', () => { console.log('bye'); process.exit(0); }); console.log('up'); setInterval(() => {}, 1000);",
    );
    await child.waitForOutput(/^up$/, { timeoutMs: 10_000, reason: 'handler installed' });
    const exit = await child.stop({ graceMs: 5000 });
    expect(exit).toEqual({ code: 0, signal: null });
    expect(child.output()).toContain('bye');
  });

  it('escalates to SIGKILL when a child ignores SIGTERM', async () => {
    const child = node(
      'stubborn',
      "process.on('SIGTERM', () => console.log('ignoring SIGTERM')); console.log('up'); setInterval(() => {}, 1000);",
    );
    await child.waitForOutput(/^up$/, { timeoutMs: 10_000, reason: 'handler installed' });
    const exit = await child.stop({ graceMs: 300 });
    expect(exit.signal).toBe('SIGKILL');
    expect(child.output()).toContain('ignoring SIGTERM');
    expect(child.output()).toContain('sending SIGKILL');
  });

  it('kills the whole process group, grandchildren included', async () => {
    const child = node(
      'parent',
      "const c = require('node:child_process').spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { stdio: 'ignore' }); console.log('grandchild ' + c.pid); setInterval(() => {}, 1000);",
    );
    const match = await child.waitForOutput(/grandchild (\d+)/, { timeoutMs: 10_000, reason: 'grandchild started' });
    const grandchild = Number(match[1]);
    expect(isAlive(grandchild)).toBe(true);
    expect(child.kill('SIGKILL')).toBe(true);
    expect((await child.exited).signal).toBe('SIGKILL');
    await waitFor(() => !isAlive(grandchild), { timeoutMs: 5000, intervalMs: 20, reason: `grandchild ${grandchild} gone` });
    expect(child.kill('SIGKILL')).toBe(false);
  });

  it('reports a command that cannot be started', async () => {
    const child = registry.spawn({ name: 'missing', command: '/nonexistent/bin/mqnamesrv', args: ['--listenPort=1'] });
    const exit = await child.exited;
    expect(exit.spawnError?.message).toContain('ENOENT');
    const error = await rejectionOf(child.waitForOutput(/boot/, { timeoutMs: 5000, reason: 'never starts' }));
    expect(error.message).toContain('failed to start');
  });

  it('writes a log file and dumps the logs of every process it started', async () => {
    const logs = new ProcessRegistry();
    const a = logs.spawn({ name: 'alpha', command: process.execPath, args: ['-e', "console.log('alpha says hi')"], logFile: true });
    const b = logs.spawn({
      name: 'beta',
      command: process.execPath,
      args: ['-e', "console.error('beta complains'); setInterval(() => {}, 1000)"],
    });
    await a.exited;
    await b.waitForOutput(/beta complains/, { timeoutMs: 10_000, reason: 'beta printed' });
    const dump = logs.dumpLogs();
    expect(dump).toContain('===== alpha');
    expect(dump).toContain('[alpha stdout] alpha says hi');
    expect(dump).toContain('exited: code 0');
    expect(dump).toContain('===== beta');
    expect(dump).toContain('[beta stderr] beta complains');
    expect(dump).toContain('running');
    expect(a.logFile).toBeDefined();
    await waitFor(() => existsSync(a.logFile ?? '') && readFileSync(a.logFile ?? '', 'utf8').includes('exited: code 0'), {
      timeoutMs: 5000,
      intervalMs: 20,
      reason: 'alpha log file flushed',
    });
    expect(readFileSync(a.logFile ?? '', 'utf8')).toContain('[stdout] alpha says hi');
    await logs.stopAll({ graceMs: 1000 });
    expect(b.running).toBe(false);
    expect(logs.list()).toHaveLength(0);
  });

  it('keeps output that arrives after the exit (a grandchild holding the pipe), in memory and in the log file', async () => {
    const child = registry.spawn({
      name: 'late-output',
      command: '/bin/sh',
      args: ['-c', '(sleep 0.3; echo late line) & echo early line; exit 0'],
      logFile: true,
    });
    expect(await child.exited).toEqual({ code: 0, signal: null });
    // Writing such a line after the log file was ended at 'exit' raised ERR_STREAM_WRITE_AFTER_END.
    await waitFor(() => child.lines().some((line) => line.text === 'late line'), {
      timeoutMs: 5000,
      intervalMs: 20,
      reason: 'the grandchild printed after the exit',
    });
    expect(child.lines().map((line) => line.text)).toEqual(['early line', 'late line']);
    await waitFor(() => readFileSync(child.logFile ?? '', 'utf8').includes('exited: code 0'), {
      timeoutMs: 5000,
      intervalMs: 20,
      reason: 'the log file closed once the pipes did',
    });
    // The exit line comes last: the file closes when the pipes do, not at the exit.
    expect(
      readFileSync(child.logFile ?? '', 'utf8')
        .split('\n')
        .filter((line) => line !== ''),
    ).toEqual(['[stdout] early line', '[stdout] late line', '[harness] exited: code 0']);
  });

  it('keeps only the newest lines of a chatty process', async () => {
    const child = registry.spawn({
      name: 'chatty',
      command: process.execPath,
      args: ['-e', 'for (let i = 0; i < 50; i++) console.log(`line ${i}`)'],
      maxLines: 10,
    });
    await child.exited;
    const lines = child.lines().map((line) => line.text);
    expect(lines).toHaveLength(10);
    expect(lines[0]).toBe('line 40');
    expect(child.formatLogs()).toContain('40 earlier lines dropped');
  });
});

describe('Testing > withLogsOnFailure', () => {
  it('passes a result through untouched', async () => {
    await expect(withLogsOnFailure(async () => 7, new ProcessRegistry())).resolves.toBe(7);
  });

  it('writes the logs of every process to stderr and rethrows', async () => {
    const logs = new ProcessRegistry();
    const child = logs.spawn({ name: 'witness', command: process.execPath, args: ['-e', "console.log('witness was here')"] });
    await child.exited;
    const written: string[] = [];
    const original = process.stderr.write.bind(process.stderr);
    process.stderr.write = ((chunk: string | Uint8Array) => {
      written.push(String(chunk));
      return true;
    }) as typeof process.stderr.write;
    let error: Error;
    try {
      error = await rejectionOf(withLogsOnFailure(() => Promise.reject(new Error('broker never registered')), logs));
    } finally {
      process.stderr.write = original;
    }
    expect(error.message).toBe('broker never registered');
    expect(written.join('')).toContain('broker never registered');
    expect(written.join('')).toContain('[witness stdout] witness was here');
  });
});
