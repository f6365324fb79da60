import { type Clock, type Logger, systemClock, type TimerHandle, type Timers } from '@rocketmq-ts/base';
import type { BrokerHeartbeatRequestHeader } from '@rocketmq-ts/protocol';
import type { ConnectionContext } from '@rocketmq-ts/remoting';

import type { BrokerLiveness, ElectionFacts } from '../replicas/replica-state';

/** Java's defaults for a heartbeat that leaves these out. */
const DEFAULT_HEARTBEAT_TIMEOUT_MS = 10_000;
const DEFAULT_ELECTION_PRIORITY = 2147483647;

export interface BrokerLiveInfo extends ElectionFacts {
  readonly clusterName: string;
  readonly brokerName: string;
  readonly brokerId: number;
  readonly brokerAddr: string;
  readonly lastUpdateTimestamp: number;
  readonly heartbeatTimeoutMillis: number;
  readonly confirmOffset: number;
  readonly connection: ConnectionContext | undefined;
}

export interface HeartbeatManagerOptions {
  readonly clock: Clock;
  readonly logger: Logger;
  readonly scanIntervalMs: number;
  /** Where the scan is scheduled; real timers by default. */
  readonly timers?: Timers;
}

/**
 * Which brokers this controller hears from (docs/controller.md#liveness). Per controller and not
 * replicated: each node answers "alive?" from its own table, as Apache's DLedger controller does.
 *
 *   - a 904 heartbeat creates or refreshes the entry; epoch/offsets only move forward (a larger
 *     epoch, or the same epoch with a larger max offset);
 *   - every `scanIntervalMs`, and at once when a broker's connection closes, entries older than
 *     their timeout or whose connection closed are dropped and each listener is told once (the
 *     engine elects a new master if it was one).
 */
export class BrokerHeartbeatManager implements BrokerLiveness {
  private readonly table = new Map<string, BrokerLiveInfo>();
  /** Every replica heard from since this controller started, alive or not now. */
  private readonly everHeard = new Set<string>();
  private readonly listeners: Array<(info: BrokerLiveInfo) => void> = [];
  private timer: TimerHandle | undefined;
  private stopped = false;
  /** Connections whose close already triggers a scan. */
  private readonly watched = new WeakSet<ConnectionContext>();

  constructor(private readonly options: HeartbeatManagerOptions) {}

  start(): void {
    this.timer ??= (this.options.timers ?? systemClock).setInterval(() => this.scan(), this.options.scanIntervalMs);
    this.timer.unref();
  }

  /** No more scans: connections the server closes while shutting down are not dead brokers. */
  stop(): void {
    this.stopped = true;
    (this.options.timers ?? systemClock).clearInterval(this.timer);
    this.timer = undefined;
  }

  onBrokerInactive(listener: (info: BrokerLiveInfo) => void): void {
    this.listeners.push(listener);
  }

  /** 904. Needs a broker id (the controller id); a heartbeat without one is the caller's 2005. */
  heartbeat(header: BrokerHeartbeatRequestHeader & { readonly brokerId: number }, connection: ConnectionContext | undefined): void {
    const key = keyOf(header.brokerName, header.brokerId);
    const previous = this.table.get(key);
    this.everHeard.add(key);
    const epoch = header.epoch ?? -1;
    const maxOffset = header.maxOffset ?? -1;
    const advances = previous === undefined || epoch > previous.epoch || (epoch === previous.epoch && maxOffset > previous.maxOffset);
    this.table.set(key, {
      clusterName: header.clusterName,
      brokerName: header.brokerName,
      brokerId: header.brokerId,
      brokerAddr: header.brokerAddr,
      lastUpdateTimestamp: this.options.clock.nowMs(),
      heartbeatTimeoutMillis: header.heartbeatTimeoutMills ?? DEFAULT_HEARTBEAT_TIMEOUT_MS,
      electionPriority: header.electionPriority ?? DEFAULT_ELECTION_PRIORITY,
      epoch: advances ? epoch : previous.epoch,
      maxOffset: advances ? maxOffset : previous.maxOffset,
      confirmOffset: advances ? (header.confirmOffset ?? -1) : previous.confirmOffset,
      connection,
    });
    if (connection !== undefined && !this.watched.has(connection)) {
      // A closed connection is a dead broker now (its process died), not at the next periodic scan.
      this.watched.add(connection);
      connection.onClose(() => this.scan());
    }
    if (previous === undefined)
      this.options.logger.info(
        { brokerName: header.brokerName, brokerId: header.brokerId, brokerAddr: header.brokerAddr },
        'broker became active',
      );
  }

  isAlive(brokerName: string, brokerId: number): boolean {
    const info = this.table.get(keyOf(brokerName, brokerId));
    return info !== undefined && !this.expired(info, this.options.clock.nowMs());
  }

  electionFacts(brokerName: string, brokerId: number): ElectionFacts | undefined {
    return this.table.get(keyOf(brokerName, brokerId));
  }

  liveInfo(brokerName: string, brokerId: number): BrokerLiveInfo | undefined {
    return this.table.get(keyOf(brokerName, brokerId));
  }

  /** Whether this controller has had any heartbeat from the replica since it started. */
  hasHeardFrom(brokerName: string, brokerId: number): boolean {
    return this.everHeard.has(keyOf(brokerName, brokerId));
  }

  get activeCount(): number {
    return this.table.size;
  }

  /** Drops dead entries and tells the listeners; also called directly by specs with a ManualClock. */
  scan(): void {
    if (this.stopped) return;
    const now = this.options.clock.nowMs();
    for (const [key, info] of this.table) {
      if (!this.expired(info, now)) continue;
      this.table.delete(key);
      this.options.logger.warn(
        {
          brokerName: info.brokerName,
          brokerId: info.brokerId,
          brokerAddr: info.brokerAddr,
          silentMs: now - info.lastUpdateTimestamp,
          connectionClosed: info.connection?.closed ?? false,
        },
        'broker became inactive',
      );
      for (const listener of this.listeners) listener(info);
    }
  }

  private expired(info: BrokerLiveInfo, now: number): boolean {
    return now - info.lastUpdateTimestamp > info.heartbeatTimeoutMillis || info.connection?.closed === true;
  }
}

function keyOf(brokerName: string, brokerId: number): string {
  return `${brokerName}\u0000${brokerId}`;
}
