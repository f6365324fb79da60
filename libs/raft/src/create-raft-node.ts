import type { Logger } from '@rocketmq-ts/base';

import type { RaftNode, RaftStateMachine } from './api';
import { FileRaftStorage } from './adapters/file-storage';
import { nodeTimers } from './adapters/node-timers';
import { TcpTransport } from './adapters/tcp-transport';
import { RaftCore } from './core/raft-core';

export interface RaftPeer {
  id: string;
  /** host:port of the peer's Raft listener. */
  address: string;
}

export interface RaftNodeOptions {
  id: string;
  /** Every member of the group, this node included (its entry gives the address it listens on). */
  peers: readonly RaftPeer[];
  /** Directory for the log, hard state and snapshot; created if missing. */
  dataDir: string;
  electionTimeoutMs: readonly [number, number];
  heartbeatIntervalMs: number;
  snapshotEveryEntries: number;
  logger: Logger;
  stateMachine: RaftStateMachine;
}

/** Validates options with one message per problem, so a bad config fails at start with all its faults listed. */
export function validateRaftNodeOptions(options: RaftNodeOptions): string[] {
  const problems: string[] = [];
  const ids = options.peers.map((peer) => peer.id);
  if (!ids.includes(options.id)) problems.push(`peers: must include this node's id "${options.id}"`);
  if (new Set(ids).size !== ids.length) problems.push('peers: ids must be unique');
  for (const peer of options.peers)
    if (!/^[^:\s]+:\d{1,5}$/.test(peer.address)) problems.push(`peers: address "${peer.address}" of ${peer.id} is not host:port`);
  const [min, max] = options.electionTimeoutMs;
  if (!(min > 0 && max >= min)) problems.push(`electionTimeoutMs: need 0 < min <= max, got [${min}, ${max}]`);
  if (!(options.heartbeatIntervalMs > 0 && options.heartbeatIntervalMs * 2 <= min))
    problems.push(`heartbeatIntervalMs: need 0 < heartbeat <= min election timeout / 2, got ${options.heartbeatIntervalMs}`);
  if (!(Number.isInteger(options.snapshotEveryEntries) && options.snapshotEveryEntries > 0))
    problems.push(`snapshotEveryEntries: need a positive integer, got ${options.snapshotEveryEntries}`);
  return problems;
}

/** A Raft member on real files, TCP and Node timers. */
export function createRaftNode(options: RaftNodeOptions): RaftNode {
  const problems = validateRaftNodeOptions(options);
  if (problems.length > 0) throw new Error(`invalid raft options:\n  ${problems.join('\n  ')}`);
  const logger = options.logger.child({ raftNode: options.id });
  const self = options.peers.find((peer) => peer.id === options.id) as RaftPeer;
  const others = options.peers.filter((peer) => peer.id !== options.id);
  return new RaftCore({
    id: options.id,
    peers: others.map((peer) => peer.id),
    electionTimeoutMs: options.electionTimeoutMs,
    heartbeatIntervalMs: options.heartbeatIntervalMs,
    snapshotEveryEntries: options.snapshotEveryEntries,
    stateMachine: options.stateMachine,
    storage: new FileRaftStorage(options.dataDir, logger),
    transport: new TcpTransport({ listenAddress: self.address, peers: new Map(others.map((peer) => [peer.id, peer.address])), logger }),
    timers: nodeTimers,
    random: Math.random,
    logger,
  });
}
