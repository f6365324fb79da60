import type { ConnectionContext } from '@rocketmq-ts/remoting';

/**
 * One client as the broker knows it: the connection it heartbeats over and its clientID. A client
 * is keyed by connection (as Java keys by Netty Channel); a later heartbeat on the same
 * connection refreshes `lastUpdateMs` and may change the clientID.
 */
export interface ClientChannel {
  readonly connection: ConnectionContext;
  readonly clientId: string;
  readonly language: string;
  readonly version: number;
  /** Last heartbeat, ms on the broker clock: the channel expires channelExpiredTimeout after it. */
  lastUpdateMs: number;
}

export function isExpired(channel: ClientChannel, nowMs: number, expiredTimeoutMs: number): boolean {
  return nowMs - channel.lastUpdateMs > expiredTimeoutMs;
}
