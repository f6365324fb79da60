/**
 * The master's side of HA, whatever the protocol (classic HAServer, AutoSwitchHAServer;
 * docs/store-and-ha.md#replication): the HA port, the set of slave connections, waking them on
 * every commit-log append, their housekeeping tick, and closing it all. The subclass makes a
 * connection per accepted socket and keeps its own ack rules, answering the put waiters.
 *
 * Timers: one housekeeping interval while listening and the waiters' one deadline timer, both
 * unref'd; `close` stops them, closes every connection and answers open waits FLUSH_SLAVE_TIMEOUT.
 */
import { createServer, type Server, type Socket } from 'node:net';

import type { Clock, Logger, TimerHandle, Timers } from '@rocketmq-ts/base';

import { type HAConfig, housekeepingTickMs } from '../ha-config';
import type { HATime } from '../ha-time';
import type { HAMasterStore } from '../ha-store';
import { boundPort, closeServer, listenOn } from '../net/socket-lifecycle';
import { SlaveAckWaiters } from './slave-ack-waiters';

/** What the listener needs from one slave connection. */
export interface SlaveLink {
  /** The commit log grew: send what is new. */
  wake(): void;
  tick(nowMs: number): void;
  close(reason: string | undefined): void;
  closedSocket(): Promise<void>;
}

export interface HAListenerParts {
  readonly config: HAConfig;
  readonly appended: Pick<HAMasterStore, 'onCommitLogAppended'>;
  readonly logger: Logger;
  readonly time: HATime;
  /** This listener's name and title in errors and logs ("HAServer", "HA server"). */
  readonly names: { readonly name: string; readonly title: string };
}

export abstract class HAListener<C extends SlaveLink> {
  protected readonly connections = new Set<C>();
  protected readonly waiters: SlaveAckWaiters;
  private server: Server | undefined;
  private tickTimer: TimerHandle | undefined;
  protected readonly clock: Clock;
  protected readonly timers: Timers;
  private unsubscribe: (() => void) | undefined;

  readonly config: HAConfig;
  private readonly appended: Pick<HAMasterStore, 'onCommitLogAppended'>;
  protected readonly logger: Logger;
  private readonly names: { readonly name: string; readonly title: string };

  protected constructor(parts: HAListenerParts) {
    ({ config: this.config, appended: this.appended, logger: this.logger, names: this.names } = parts);
    this.clock = parts.time.clock;
    this.timers = parts.time.timers;
    this.waiters = new SlaveAckWaiters(this.clock, this.timers);
  }

  /** Listens on `port` (0 picks a free one); resolves to the bound port. */
  async listen(port: number, host = '0.0.0.0'): Promise<number> {
    if (this.server !== undefined) throw new Error(`${this.names.name} is already listening`);
    const server = createServer((socket) => this.connections.add(this.accept(socket)));
    this.server = server;
    await listenOn(server, port, host);
    server.on('error', (error) => this.logger.error({ err: error }, 'HA server error'));
    this.unsubscribe = this.appended.onCommitLogAppended(() => this.onAppended());
    this.tickTimer = this.timers.setInterval(() => this.tick(), housekeepingTickMs(this.config));
    this.tickTimer.unref();
    this.afterListen();
    const bound = this.port() ?? port;
    this.logger.info({ port: bound }, `${this.names.title} listening`);
    return bound;
  }

  port(): number | undefined {
    return boundPort(this.server);
  }

  /** Stops accepting, closes every slave connection, answers open waits FLUSH_SLAVE_TIMEOUT. */
  async close(): Promise<void> {
    const server = this.server;
    if (server === undefined) return;
    this.server = undefined;
    this.unsubscribe?.();
    this.unsubscribe = undefined;
    this.timers.clearInterval(this.tickTimer);
    this.tickTimer = undefined;
    const closing = [...this.connections].map((connection) => connection.closedSocket());
    for (const connection of [...this.connections]) connection.close(undefined);
    this.waiters.resolveAll('FLUSH_SLAVE_TIMEOUT');
    await Promise.all([...closing, closeServer(server)]);
  }

  protected isListening(): boolean {
    return this.server !== undefined;
  }

  /** A slave dialed in: its connection (the listener adds it to `connections`). */
  protected abstract accept(socket: Socket): C;

  /** After every commit-log append. */
  protected onAppended(): void {
    for (const connection of this.connections) connection.wake();
  }

  /** Listening, before the log line: the subclass's first computation over the store. */
  protected afterListen(): void {
    // Nothing by default.
  }

  private tick(): void {
    const nowMs = this.clock.nowMs();
    for (const connection of this.connections) connection.tick(nowMs);
  }
}
