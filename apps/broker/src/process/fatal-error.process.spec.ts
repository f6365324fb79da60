// A server process that meets a broken invariant stops: the shared fatal handler every server's
// main installs (exitOnFatalError of libs/config) logs `invariant violated: <name>` with pino at
// fatal and exits non-zero, whether the violation was thrown or rejected from a loop nobody awaits.
// A request handler that breaks one is answered and then stops the process too (request-dispatcher).
// The child is a real node process run from source as bin/mqbroker runs the broker.
import { resolve } from 'node:path';

import { afterAll, describe, expect, it } from 'vitest';

import { createRequest } from '@rocketmq-ts/protocol';
import { RemotingClient } from '@rocketmq-ts/remoting';
import { processes } from '@rocketmq-ts/testing';

const ROOT = resolve(__dirname, '../../../..');
const FIXTURE = resolve(__dirname, 'testing/fatal-error-fixture.ts');

function runFixture(mode: string): ReturnType<typeof processes.spawn> {
  return processes.spawn({
    name: `fatal-fixture-${mode}`,
    command: process.execPath,
    args: ['-r', resolve(ROOT, 'node_modules/@swc-node/register/index.js'), FIXTURE, mode],
    env: { SWC_NODE_PROJECT: resolve(ROOT, 'apps/broker/tsconfig.run.json') },
  });
}

interface LogLine {
  readonly level: string;
  readonly msg: string;
  readonly invariant?: string;
  readonly origin?: string;
}

function fatalLines(child: ReturnType<typeof processes.spawn>): LogLine[] {
  return child
    .lines()
    .filter((line) => line.stream === 'stdout' && line.text.startsWith('{'))
    .map((line) => JSON.parse(line.text) as LogLine)
    .filter((line) => line.level === 'fatal');
}

describe('Broker > fatal errors stop the process', () => {
  afterAll(() => processes.stopAll());

  it('logs the invariant name at fatal and exits 1 when an InvariantViolation is thrown', async () => {
    const child = runFixture('thrown');
    expect(await child.exited).toEqual({ code: 1, signal: null });
    expect(fatalLines(child)).toEqual([
      expect.objectContaining({ msg: 'invariant violated: fixture.thrown', invariant: 'fixture.thrown', origin: 'uncaughtException' }),
    ]);
  });

  it('does the same for a violation rejected from a promise nobody awaits', async () => {
    const child = runFixture('rejected');
    expect(await child.exited).toEqual({ code: 1, signal: null });
    expect(fatalLines(child)).toEqual([
      expect.objectContaining({ msg: 'invariant violated: fixture.rejected-loop', origin: 'unhandledRejection' }),
    ]);
  });

  it('stops a server whose request handler breaks an invariant, over the real wire', async () => {
    const child = runFixture('request');
    const [, port] = await child.waitForOutput(/fixture listening on (\d+)/, { timeoutMs: 20_000, reason: 'fixture server port' });
    const client = new RemotingClient();
    try {
      await client.invoke(`127.0.0.1:${port}`, createRequest(9_001), 5_000).catch(() => undefined);
    } finally {
      await client.close();
    }
    expect(await child.exited).toEqual({ code: 1, signal: null });
    expect(fatalLines(child)).toEqual([
      expect.objectContaining({ msg: 'invariant violated: fixture.handler', origin: 'uncaughtException' }),
    ]);
  });

  it('logs any other uncaught error at fatal with its origin and exits 1, as Node would', async () => {
    const child = runFixture('plain');
    expect(await child.exited).toEqual({ code: 1, signal: null });
    const [line] = fatalLines(child);
    expect(line?.msg).toMatch(/^uncaughtException: SyntaxError: /);
    expect(line?.invariant).toBeUndefined();
  });
});
