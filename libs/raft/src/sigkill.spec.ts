import { spawn, type ChildProcess } from 'node:child_process';
import { resolve } from 'node:path';

import { createTempDir, freePorts, waitFor, WORKSPACE_ROOT, type TempDir } from '@rocketmq-ts/testing';
import { afterEach, describe, expect, it } from 'vitest';

import type { ProposeOutcome, RaftStatus } from './api';

interface Proc {
  id: string;
  child: ChildProcess;
  status: RaftStatus | undefined;
  items: string[];
  outcomes: Map<string, ProposeOutcome>;
}

describe('raft nodes as child processes killed with SIGKILL', () => {
  let dir: TempDir | undefined;
  const procs: Proc[] = [];
  afterEach(() => {
    for (const proc of procs) proc.child.kill('SIGKILL');
    procs.length = 0;
    dir?.remove();
  });

  function launch(id: string, peers: Array<{ id: string; address: string }>): Proc {
    const script = resolve(__dirname, 'testing/raft-node-process.ts');
    const child = spawn(process.execPath, ['-r', '@swc-node/register', script, JSON.stringify({ id, peers, dataDir: dir?.join(id) })], {
      cwd: WORKSPACE_ROOT,
      env: { ...process.env, SWC_NODE_PROJECT: 'tsconfig.base.json' },
      stdio: ['pipe', 'pipe', 'inherit'],
    });
    const proc: Proc = { id, child, status: undefined, items: [], outcomes: new Map() };
    let buffered = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      buffered += chunk.toString('utf8');
      const lines = buffered.split('\n');
      buffered = lines.pop() ?? '';
      for (const line of lines) {
        const parsed = JSON.parse(line) as { status?: RaftStatus; items?: string[]; command?: string; outcome?: ProposeOutcome };
        if (parsed.status) proc.status = parsed.status;
        if (parsed.items) proc.items = parsed.items;
        if (parsed.command !== undefined && parsed.outcome) proc.outcomes.set(parsed.command, parsed.outcome);
      }
    });
    procs.push(proc);
    return proc;
  }

  const leaderAmong = (among: Proc[]): Promise<Proc> =>
    waitFor(() => among.find((p) => p.status?.role === 'leader'), { timeoutMs: 20_000, intervalMs: 50, reason: 'a leader process' });

  async function commit(leader: Proc, command: string): Promise<void> {
    leader.child.stdin?.write(`propose ${command}\n`);
    const outcome = await waitFor(() => leader.outcomes.get(command), {
      timeoutMs: 10_000,
      intervalMs: 20,
      reason: `outcome of ${command}`,
    });
    expect(outcome.kind).toBe('committed');
  }

  it('keeps committed commands through a SIGKILLed leader and a restart from its files', async () => {
    dir = createTempDir('raft-sigkill');
    const ports = await freePorts(3);
    const peers = ports.map((port, i) => ({ id: `p${i}`, address: `127.0.0.1:${port}` }));
    const all = peers.map((peer) => launch(peer.id, peers));
    const leader = await leaderAmong(all);
    for (let i = 0; i < 6; i += 1) await commit(leader, `before-${i}`);
    const oldTerm = leader.status?.term ?? 0;

    leader.child.kill('SIGKILL');
    const others = all.filter((p) => p !== leader);
    const next = await waitFor(() => others.find((p) => p.status?.role === 'leader' && (p.status?.term ?? 0) > oldTerm), {
      timeoutMs: 20_000,
      intervalMs: 50,
      reason: 'a new leader in a higher term',
    });
    await commit(next, 'after-kill');

    const restarted = launch(leader.id, peers);
    const expected = [...Array.from({ length: 6 }, (_, i) => `before-${i}`), 'after-kill'];
    await waitFor(() => restarted.items.length === expected.length, {
      timeoutMs: 20_000,
      intervalMs: 50,
      reason: 'restarted process caught up',
    });
    expect(restarted.items).toEqual(expected);
    expect(next.items).toEqual(expected);
  }, 90_000);
});
