import { connect } from 'node:net';

import { RecordingLogger } from '@rocketmq-ts/base';
import { createTempDir, freePorts, waitFor, type TempDir } from '@rocketmq-ts/testing';
import { afterEach, describe, expect, it } from 'vitest';

import type { RaftNode } from './api';
import { createRaftNode, type RaftPeer } from './create-raft-node';
import { ListStateMachine } from './testing/list-state-machine';

interface Member {
  id: string;
  node: RaftNode;
  machine: ListStateMachine;
}

describe('raft over TCP with files (3 nodes on 127.0.0.1)', () => {
  let dir: TempDir | undefined;
  const running = new Set<RaftNode>();
  const logger = new RecordingLogger();

  afterEach(async () => {
    for (const node of running) await node.stop();
    running.clear();
    dir?.remove();
  });

  async function startMember(id: string, peers: RaftPeer[]): Promise<Member> {
    const machine = new ListStateMachine();
    const node = createRaftNode({
      id,
      peers,
      dataDir: dir?.join(id) ?? '',
      electionTimeoutMs: [150, 300],
      heartbeatIntervalMs: 40,
      snapshotEveryEntries: 8,
      logger,
      stateMachine: machine,
    });
    await node.start();
    running.add(node);
    return { id, node, machine };
  }

  /** Stops without flushing what is not yet fsynced: the same durable state a SIGKILL leaves. */
  async function kill(member: Member): Promise<void> {
    running.delete(member.node);
    await member.node.stop();
  }

  async function leaderOf(members: Member[], notId?: string): Promise<Member> {
    return waitFor(
      () => {
        const leaders = members.filter((m) => m.node.status().role === 'leader' && m.id !== notId);
        return leaders.length === 1 ? leaders[0] : undefined;
      },
      { timeoutMs: 10_000, intervalMs: 20, reason: 'one leader elected' },
    );
  }

  async function proposeAll(leader: Member, commands: string[]): Promise<void> {
    const outcomes = await Promise.all(commands.map((command) => leader.node.propose(Buffer.from(command))));
    for (const outcome of outcomes) expect(outcome.kind).toBe('committed');
  }

  it('elects, replicates, survives a follower kill and a leader kill, and catches restarted nodes up', async () => {
    dir = createTempDir('raft-tcp');
    const ports = await freePorts(3);
    const peers = ports.map((port, i) => ({ id: `c${i}`, address: `127.0.0.1:${port}` }));
    let members = await Promise.all(peers.map((peer) => startMember(peer.id, peers)));

    const leader = await leaderOf(members);
    const first = await leader.node.propose(Buffer.from('cmd-0'));
    expect(first).toMatchObject({ kind: 'committed', result: 1 });
    await proposeAll(
      leader,
      Array.from({ length: 19 }, (_, i) => `cmd-${i + 1}`),
    );
    expect(await leader.node.readBarrier()).toEqual({ kind: 'ok' });
    const follower = members.find((m) => m !== leader) as Member;
    expect(await follower.node.propose(Buffer.from('x'))).toEqual({ kind: 'not-leader', leaderId: leader.id });
    expect(await follower.node.readBarrier()).toEqual({ kind: 'not-leader', leaderId: leader.id });

    // Kill a follower; the other two keep committing; the restarted follower catches up (by snapshot: 8 entries per snapshot).
    await kill(follower);
    await proposeAll(
      leader,
      Array.from({ length: 20 }, (_, i) => `cmd-${i + 20}`),
    );
    const revived = await startMember(follower.id, peers);
    members = members.map((m) => (m.id === follower.id ? revived : m));
    await waitFor(() => revived.machine.items.length === 40, { timeoutMs: 10_000, intervalMs: 20, reason: 'restarted follower caught up' });
    expect(revived.machine.items).toEqual(leader.machine.items);

    // Kill the leader: a new one is elected in a higher term and commits; the old one rejoins as follower.
    const oldTerm = leader.node.status().term;
    await kill(leader);
    const survivors = members.filter((m) => m.id !== leader.id);
    const next = await leaderOf(survivors);
    expect(next.node.status().term).toBeGreaterThan(oldTerm);
    expect(await next.node.readBarrier()).toEqual({ kind: 'ok' });
    await proposeAll(next, ['after-failover-1', 'after-failover-2']);
    const rejoined = await startMember(leader.id, peers);
    await waitFor(() => rejoined.machine.items.length === 42, { timeoutMs: 10_000, intervalMs: 20, reason: 'old leader caught up' });
    expect(rejoined.machine.items).toEqual(next.machine.items);
    expect(rejoined.node.status().role).toBe('follower');
    expect(next.node.status().role).toBe('leader');
  });

  it('closes a connection that sends a malformed frame, logs why, and keeps serving', async () => {
    dir = createTempDir('raft-tcp-bad');
    const [port] = await freePorts(1);
    const peers = [{ id: 'solo', address: `127.0.0.1:${port}` }];
    const solo = await startMember('solo', peers);
    await leaderOf([solo]);
    const socket = connect(port ?? 0, '127.0.0.1');
    await new Promise((resolve) => socket.once('connect', resolve));
    socket.write(Buffer.from([0, 0, 0, 3, 99, 0, 0]));
    await new Promise((resolve) => socket.once('close', resolve));
    expect(logger.find((e) => /malformed frame/.test(e.message))?.fields['reason']).toMatch(/frame truncated|unknown message type/);
    expect(await solo.node.propose(Buffer.from('still-alive'))).toMatchObject({ kind: 'committed' });
  });
});
