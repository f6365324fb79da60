import type { Logger } from '@rocketmq-ts/base';
import { createRaftNode, type RaftNode, type RaftStatus } from '@rocketmq-ts/raft';

import type { PeerAddress } from '../config/controller-topology';
import type { AppendOutcome, ControllerPeer, LogStateMachine, MetadataLog } from './metadata-log';

export interface RaftMetadataLogOptions {
  readonly selfId: string;
  /** The controllers' client-facing addresses; Raft listens on each one's port + RAFT_PORT_OFFSET. */
  readonly peers: readonly PeerAddress[];
  readonly dataDir: string;
  readonly electionTimeoutMs: number;
  readonly heartbeatIntervalMs: number;
  readonly snapshotEveryEntries: number;
  readonly logger: Logger;
}

/** Raft peer traffic uses the port after each controller's client port (docs/controller.md#replication). */
export const RAFT_PORT_OFFSET = 1;

/**
 * The MetadataLog of a controller group, on @rocketmq-ts/raft (docs/controller.md#replication):
 * appends are Raft proposals, committed entries reach the state machine on every member, and the
 * role is Raft's live role. A proposal whose leadership is lost before commit answers `failed`
 * (it may still commit; every controller request is safe to retry).
 */
export class RaftMetadataLog implements MetadataLog {
  private node: RaftNode | undefined;
  private readonly listeners = new Set<(isLeader: boolean) => void>();
  private wasLeader = false;

  constructor(private readonly options: RaftMetadataLogOptions) {}

  async start(machine: LogStateMachine): Promise<void> {
    const { options } = this;
    const node = createRaftNode({
      id: options.selfId,
      peers: options.peers.map((peer) => ({ id: peer.id, address: `${peer.host}:${peer.port + RAFT_PORT_OFFSET}` })),
      dataDir: options.dataDir,
      // Randomized in [t, 2t): a new leader is expected within about two timeouts of losing the old one.
      electionTimeoutMs: [options.electionTimeoutMs, options.electionTimeoutMs * 2],
      heartbeatIntervalMs: options.heartbeatIntervalMs,
      snapshotEveryEntries: options.snapshotEveryEntries,
      logger: options.logger,
      stateMachine: {
        apply: (command, index) => machine.apply(command, index),
        snapshot: () => machine.snapshot(),
        restore: (snapshot) => machine.restore(snapshot),
      },
    });
    node.onStatusChange((status) => this.onStatus(status));
    this.node = node;
    await node.start();
  }

  async stop(): Promise<void> {
    await this.node?.stop();
    this.node = undefined;
  }

  async append(entry: Uint8Array): Promise<AppendOutcome> {
    const node = this.node;
    if (!node) return { kind: 'failed', reason: 'raft node is not running' };
    const outcome = await node.propose(entry);
    if (outcome.kind === 'committed') return { kind: 'committed', index: outcome.index };
    if (outcome.kind === 'not-leader') return { kind: 'not-leader', leaderId: outcome.leaderId };
    return { kind: 'failed', reason: 'leadership lost before the entry committed' };
  }

  isLeader(): boolean {
    return this.node?.status().role === 'leader';
  }

  leader(): ControllerPeer | undefined {
    const leaderId = this.node?.status().leaderId;
    const peer = this.options.peers.find((candidate) => candidate.id === leaderId);
    return peer === undefined ? undefined : { id: peer.id, address: peer.address };
  }

  onLeadershipChange(listener: (isLeader: boolean) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private onStatus(status: RaftStatus): void {
    const isLeader = status.role === 'leader';
    this.options.logger.info({ role: status.role, term: status.term, leaderId: status.leaderId }, 'raft status changed');
    if (isLeader === this.wasLeader) return;
    this.wasLeader = isLeader;
    for (const listener of this.listeners) listener(isLeader);
  }
}
