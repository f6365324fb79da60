import type { RemotingCommand } from '@rocketmq-ts/protocol';

import type { HandlerEntry } from './handler-table';
import type { RemotingConnection } from './remoting-connection';

/** A request admitted to a lane's queue, waiting for a slot. */
export interface QueuedRequest {
  readonly connection: RemotingConnection;
  readonly request: RemotingCommand;
  readonly entry: HandlerEntry;
  /** performance.now() at arrival when hooks are configured, else 0. */
  readonly startedMs: number;
}
