// Raft RPCs as plain data. Every RPC is one-way: a reply is another message. See docs/raft.md#messages.

export type EntryKind = 'command' | 'noop';

export interface LogEntry {
  index: number;
  term: number;
  kind: EntryKind;
  data: Uint8Array;
}

/** Pre-vote (Raft thesis, section 9.6): asks "would you vote for me at `term`?" without anyone changing term. */
export interface VoteRequest {
  type: 'vote-request';
  from: string;
  preVote: boolean;
  term: number;
  lastLogIndex: number;
  lastLogTerm: number;
}

export interface VoteReply {
  type: 'vote-reply';
  from: string;
  preVote: boolean;
  /** The requested term when granted; otherwise the voter's own term. */
  term: number;
  granted: boolean;
}

export interface AppendRequest {
  type: 'append-request';
  from: string;
  term: number;
  prevLogIndex: number;
  prevLogTerm: number;
  entries: LogEntry[];
  leaderCommit: number;
}

export interface AppendReply {
  type: 'append-reply';
  from: string;
  term: number;
  success: boolean;
  /** On success: the last index known to match the leader. On failure: where the leader should retry from. */
  matchIndex: number;
  retryFrom: number;
}

export interface SnapshotRequest {
  type: 'snapshot-request';
  from: string;
  term: number;
  lastIncludedIndex: number;
  lastIncludedTerm: number;
  data: Uint8Array;
}

export type RaftMessage = VoteRequest | VoteReply | AppendRequest | AppendReply | SnapshotRequest;
