import type { Logger } from '@rocketmq-ts/base';
import type { ConnectionLimitOptions, LaneOptions, RemotingRequestHook } from '@rocketmq-ts/remoting';

/** Injection token of the resolved RemotingServerModuleOptions. */
export const REMOTING_SERVER_MODULE_OPTIONS = Symbol('REMOTING_SERVER_MODULE_OPTIONS');

/** Default time admitted requests get to finish at shutdown before sockets are destroyed. */
export const DEFAULT_DRAIN_TIMEOUT_MS = 5_000;

export interface RemotingServerModuleOptions extends ConnectionLimitOptions {
  readonly host: string;
  /** 0 binds an ephemeral port (tests); read the bound one from RemotingServerService.port. */
  readonly port: number;
  readonly lanes: readonly LaneOptions[];
  readonly hooks?: readonly RemotingRequestHook[];
  readonly logger?: Logger;
  readonly drainTimeoutMs?: number;
  readonly timeoutSweepIntervalMs?: number;
}
