import type { Logger } from '@rocketmq-ts/base';
import type { ConnectionLimitOptions, LaneOptions, RemotingRequestHook, ServerTlsOptions } from '@rocketmq-ts/remoting';

/** Injection token of the resolved RemotingServerModuleOptions. */
export const REMOTING_SERVER_MODULE_OPTIONS = Symbol('REMOTING_SERVER_MODULE_OPTIONS');

/** Default time admitted requests get to finish at shutdown before sockets are destroyed. */
export const DEFAULT_DRAIN_TIMEOUT_MS = 5_000;

/** The running server as a hook may read it (server-wide figures for a scrape, not per request). */
export interface RemotingServerView {
  /** Open TCP connections now, counted from accept to close (whether or not they sent a request). */
  readonly connectionCount: number;
}

/**
 * A request hook that also wants the server once it listens, for figures no request carries
 * (open connections). Called once per start, after the port is bound.
 */
export interface RemotingServerHook extends RemotingRequestHook {
  serverListening?(server: RemotingServerView): void;
}

export interface RemotingServerModuleOptions extends ConnectionLimitOptions {
  readonly host: string;
  /** 0 binds an ephemeral port (tests); read the bound one from RemotingServerService.port. */
  readonly port: number;
  readonly lanes: readonly LaneOptions[];
  readonly hooks?: readonly RemotingServerHook[];
  readonly logger?: Logger;
  readonly drainTimeoutMs?: number;
  readonly timeoutSweepIntervalMs?: number;
  /** TLS on the port(s) (the fast port too); absent = plain TCP. */
  readonly tls?: ServerTlsOptions;
  /**
   * A second listener on another port serving the same handlers except `excludedCodes`: RocketMQ's
   * fast ("VIP") port, listenPort - 2 on a broker, which serves everything but pulls.
   */
  readonly fastServer?: {
    readonly port: number;
    readonly excludedCodes: readonly number[];
    /** A busy port is logged and skipped instead of failing the start (for a port derived by default, not asked for). */
    readonly optional?: boolean;
  };
}
