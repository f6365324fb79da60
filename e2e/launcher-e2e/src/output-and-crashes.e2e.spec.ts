import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { join } from 'node:path';

import { afterAll, beforeEach, describe, expect, it } from 'vitest';

import { isPortFree, portOf, useProcessHygiene, waitFor } from '@rocketmq-ts/testing';

import { isAlive, launch, pidOf, waitForReady, waitUntilGone } from './support/launcher';

/** Binds 127.0.0.1:`port` as soon as it is free (the process holding it was just SIGKILLed). */
async function takePort(port: number): Promise<Server> {
  await waitFor(() => isPortFree(port), { timeoutMs: 5_000, intervalMs: 10, reason: `127.0.0.1:${port} free` });
  const server = createServer();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', resolve);
  });
  return server;
}

// `npm start` in single mode (restarts on there by default): --log-format json, the log files, a
// process that cannot start again left down after three tries, and the children stopping on their
// own when the launcher is SIGKILLed.
describe('launcher > output, crash loop, a SIGKILLed launcher', () => {
  useProcessHygiene({ beforeEach, afterAll });

  it('--log-format json: every line of the terminal is one JSON object with a process, and the log files hold JSON', async () => {
    const launched = await launch('single', ['--log-format', 'json']);
    await waitForReady(launched);
    const lines = launched.process
      .output()
      .split('\n')
      .filter((line) => line !== '');
    expect(lines.length).toBeGreaterThan(10);
    const entries = lines.map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(entries.every((entry) => typeof entry['process'] === 'string' && typeof entry['msg'] === 'string')).toBe(true);
    expect(new Set(entries.map((entry) => entry['process']))).toEqual(new Set(['start', 'namesrv-1', 'broker-a']));
    expect(entries.some((entry) => entry['process'] === 'start' && /^ready\./.test(String(entry['msg'])))).toBe(true);
    for (const [name, file] of [
      ['namesrv-1', 'namesrv.log'],
      ['broker-a', 'broker.log'],
    ] as const) {
      const logged = readFileSync(join(launched.dataDir, name, 'logs', file), 'utf8')
        .trim()
        .split('\n');
      expect(logged.map((line) => typeof JSON.parse(line))).toEqual(logged.map(() => 'object'));
      expect(logged.some((line) => line.includes('boot success'))).toBe(true);
    }
    launched.process.kill('SIGTERM');
    expect(await launched.process.waitForExit({ timeoutMs: 60_000, reason: 'the launcher stops on SIGTERM' })).toMatchObject({
      code: 0,
      signal: null,
    });
  });

  it('leaves down, with the key to change, a process that crashed on start three times in a row; the others stop when the launcher is SIGKILLed', async () => {
    const launched = await launch('single');
    await waitForReady(launched);
    const brokerPort = portOf(launched.address('broker-a'));
    process.kill(pidOf(launched, 'broker-a'), 'SIGKILL');
    // Another process takes the broker's port before the restart (1 s later): every restart fails.
    const holder = await takePort(brokerPort);
    try {
      await launched.process.waitForOutput(
        /broker-a \(pid \d+\) exited before it booted: code 1; .*listenPort: 127\.0\.0\.1:\d+ is already in use.*; left down: it crashed on start 3 times in a row/,
        {
          timeoutMs: 60_000,
          reason: 'broker-a left down after three crashes on start',
        },
      );
      const reports = launched.process.lines().filter((line) => /broker-a \(pid \d+\) exited/.test(line.text));
      expect(reports.map((line) => /restarting in (\d+) s|left down/.exec(line.text)?.[0])).toEqual([
        'restarting in 1 s',
        'restarting in 2 s',
        'restarting in 4 s',
        'left down',
      ]);
      await launched.process.waitForOutput(
        /to bring broker-a back by hand: bin\/mqbroker -c conf\/single\/broker-a\.properties -n 127\.0\.0\.1:\d+ /,
        { timeoutMs: 5_000, reason: 'the command to start it by hand' },
      );
    } finally {
      holder.close();
    }
    expect(launched.process.running).toBe(true);

    // The launcher SIGKILLed: the name server notices its stdin pipe closing and stops itself.
    const namesrvPid = pidOf(launched, 'namesrv-1');
    launched.process.kill('SIGKILL');
    await waitUntilGone(namesrvPid, 20_000, 'the name server stops once its launcher is gone');
    expect(isAlive(namesrvPid)).toBe(false);
  });

  it('a broker whose port is taken at start: the launcher names the key, stops the others and exits 1', async () => {
    const holder = createServer();
    await new Promise<void>((resolve) => holder.listen(0, '127.0.0.1', resolve));
    const held = (holder.address() as { port: number }).port;
    try {
      // --set reaches every broker: broker-a tries the held port.
      const launched = await launch('single', ['--no-restart', '--set', `listenPort=${held}`]);
      const exit = await launched.process.waitForExit({ timeoutMs: 120_000, reason: 'the launcher gives up' });
      expect(exit).toMatchObject({ code: 1, signal: null });
      const output = launched.process.output();
      expect(output).toMatch(
        new RegExp(
          `broker-a \\(pid \\d+\\) exited before it booted: code 1; .*listenPort: 127\\.0\\.0\\.1:${held} is already in use; set listenPort to a free port`,
        ),
      );
      expect(output).toMatch(/\[start\] broker-a left down \(no --restart\); stopping the others\n[^]*\[start\] all stopped/);
    } finally {
      holder.close();
    }
  });
});
