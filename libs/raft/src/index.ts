export * from './api';
export type { LogEntry, RaftMessage } from './messages';
export type { RaftStorage, RaftTransport, RaftTimers, RandomSource, HardState, StoredSnapshot, RecoveredState } from './ports';
export { RaftCore, type RaftCoreOptions } from './core/raft-core';
export { FileRaftStorage } from './adapters/file-storage';
export { TcpTransport, type TcpTransportOptions } from './adapters/tcp-transport';
export { nodeTimers } from './adapters/node-timers';
export { createRaftNode, validateRaftNodeOptions, type RaftNodeOptions, type RaftPeer } from './create-raft-node';
