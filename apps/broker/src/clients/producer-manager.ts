import { type Logger, silentLogger } from '@rocketmq-ts/base';

import { type ClientChannel, isExpired } from './client-channel';

/**
 * Producer group → its live channels (HEART_BEAT producerDataSet, UNREGISTER_CLIENT). Used for
 * transaction checks (any channel of the group) and the admin producer-connection query.
 *
 * Owner of the table; no method awaits.
 */
export class ProducerManager {
  private readonly groups = new Map<string, Map<number, ClientChannel>>();

  constructor(
    private readonly channelExpiredTimeoutMs: number,
    private readonly logger: Logger = silentLogger,
  ) {}

  registerProducer(group: string, channel: ClientChannel): void {
    let channels = this.groups.get(group);
    if (channels === undefined) {
      channels = new Map();
      this.groups.set(group, channels);
    }
    const existing = channels.get(channel.connection.id);
    if (existing !== undefined && existing.clientId === channel.clientId) existing.lastUpdateMs = channel.lastUpdateMs;
    else channels.set(channel.connection.id, channel);
  }

  unregisterProducer(group: string, connectionId: number): void {
    const channels = this.groups.get(group);
    if (channels === undefined) return;
    channels.delete(connectionId);
    if (channels.size === 0) this.groups.delete(group);
  }

  /** Drops every producer on a closed connection. */
  doChannelCloseEvent(connectionId: number): void {
    for (const group of [...this.groups.keys()]) this.unregisterProducer(group, connectionId);
  }

  /** Drops channels silent for longer than channelExpiredTimeout; returns how many went. */
  scanNotActiveChannel(nowMs: number): number {
    let removed = 0;
    for (const [group, channels] of this.groups) {
      for (const [connectionId, channel] of channels) {
        if (!isExpired(channel, nowMs, this.channelExpiredTimeoutMs)) continue;
        channels.delete(connectionId);
        removed++;
        this.logger.info(
          { group, clientId: channel.clientId, remoteAddress: channel.connection.remoteAddress },
          'producer channel expired',
        );
      }
      if (channels.size === 0) this.groups.delete(group);
    }
    return removed;
  }

  channelsOf(group: string): readonly ClientChannel[] {
    return [...(this.groups.get(group)?.values() ?? [])];
  }

  get channelCount(): number {
    let count = 0;
    for (const channels of this.groups.values()) count += channels.size;
    return count;
  }

  get groupNames(): readonly string[] {
    return [...this.groups.keys()];
  }
}
