import { at, type Logger, silentLogger, systemClock, type TimerHandle, type Timers } from '@rocketmq-ts/base';
import { RegisterBrokerResponseHeader, ResponseCode } from '@rocketmq-ts/protocol';
import type { RemotingClient } from '@rocketmq-ts/remoting';

import type { BrokerIdentity } from '../config/broker-identity';
import type { TopicConfigManager } from '../topics/topic-config-manager';
import { registerBrokerRequest, unregisterBrokerRequest } from './register-broker-request';

export interface NamesrvRegistrarOptions {
  readonly identity: BrokerIdentity;
  readonly namesrvAddrs: readonly string[];
  readonly topics: TopicConfigManager;
  readonly client: RemotingClient;
  readonly registerPeriodMs: number;
  readonly requestTimeoutMs: number;
  readonly brokerPermission: number;
  readonly logger?: Logger;
  /** Where the period is scheduled; real timers by default. */
  readonly timers?: Timers;
  /**
   * After each round with at least one accepted register: the group's master as the name servers
   * see it (a slave follows it; a master always gets nothing). The first name server naming a
   * master wins, as Java reads the first result.
   */
  readonly onRegistered?: (reply: RegisterBrokerResponseHeader) => void;
  /**
   * Controller mode: the id to register now (0 as master, the controller id as slave; undefined
   * while fenced: no round at all) and the stateVersion (the master epoch) name servers fence by.
   */
  readonly controlled?: { brokerId(): number | undefined; stateVersion(): bigint };
}

/**
 * Keeps this broker in every name server's route table: REGISTER_BROKER to each name server at
 * start, every registerNameServerPeriod (30 s) and right after the topic table changes (a new
 * topic must be routable before the producer's next route poll); UNREGISTER_BROKER at shutdown.
 *
 * A failed register is logged and retried at the next period. Registers triggered by changes in
 * the same tick are coalesced into one; at most one round is in flight, a change during it
 * queues exactly one more.
 */
export class NamesrvRegistrar {
  private readonly logger: Logger;
  private timer: TimerHandle | undefined;
  private readonly timers: Timers;
  private inFlight: Promise<void> | undefined;
  private pendingAgain = false;
  private stopped = false;

  constructor(private readonly options: NamesrvRegistrarOptions) {
    this.logger = options.logger ?? silentLogger;
    this.timers = options.timers ?? systemClock;
    options.topics.onChange(() => void this.requestRegister());
  }

  /** First register now (not awaited by the caller's boot: a down name server must not block start). */
  start(): void {
    if (this.options.namesrvAddrs.length === 0) {
      this.logger.warn('namesrvAddr is empty: this broker registers with no name server');
      return;
    }
    void this.requestRegister();
    this.timer = this.timers.setInterval(() => void this.requestRegister(), this.options.registerPeriodMs);
    this.timer.unref();
  }

  /** A register round now, or right after the one in flight. Resolves when that round is done. */
  requestRegister(): Promise<void> {
    if (this.stopped || this.options.namesrvAddrs.length === 0) return Promise.resolve();
    if (this.inFlight !== undefined) {
      this.pendingAgain = true;
      return this.inFlight;
    }
    this.inFlight = this.registerAll().finally(() => {
      this.inFlight = undefined;
      if (this.pendingAgain) {
        this.pendingAgain = false;
        void this.requestRegister();
      }
    });
    return this.inFlight;
  }

  /** Stops the timer and unregisters from every name server (best effort, bounded by the timeout). */
  async shutdown(): Promise<void> {
    this.stopped = true;
    this.timers.clearInterval(this.timer);
    await this.inFlight;
    const brokerId = this.options.controlled?.brokerId();
    const request = () => unregisterBrokerRequest(brokerId === undefined ? this.options.identity : { ...this.options.identity, brokerId });
    await Promise.all(
      this.options.namesrvAddrs.map((address) =>
        this.options.client
          .invoke(address, request(), this.options.requestTimeoutMs)
          .catch((error: unknown) => this.logger.warn({ err: error, namesrv: address }, 'UNREGISTER_BROKER failed')),
      ),
    );
    await this.options.client.close();
  }

  private async registerAll(): Promise<void> {
    const { topics, brokerPermission, controlled } = this.options;
    let { identity } = this.options;
    let dataVersion = topics.dataVersion;
    if (controlled !== undefined) {
      const brokerId = controlled.brokerId();
      if (brokerId === undefined) return;
      identity = { ...identity, brokerId };
      dataVersion = { ...dataVersion, stateVersion: controlled.stateVersion() };
    }
    // One body for all name servers: the snapshot is taken synchronously, before any await.
    const input = { identity, topicConfigTable: new Map(topics.topicConfigTable), dataVersion, brokerPermission };
    const replies = await Promise.all(this.options.namesrvAddrs.map((address) => this.registerTo(address, input)));
    const accepted = replies.filter((reply): reply is RegisterBrokerResponseHeader => reply !== undefined);
    if (accepted.length === 0 || this.stopped) return;
    this.options.onRegistered?.(
      accepted.find((reply) => reply.masterAddr !== undefined && reply.masterAddr !== '') ?? at(accepted, 0, 'accepted registrations'),
    );
  }

  /** The name server's reply header when it accepted the register, else undefined. */
  private async registerTo(
    address: string,
    input: Parameters<typeof registerBrokerRequest>[0],
  ): Promise<RegisterBrokerResponseHeader | undefined> {
    try {
      const response = await this.options.client.invoke(address, registerBrokerRequest(input), this.options.requestTimeoutMs);
      if (response.code !== ResponseCode.SUCCESS) {
        this.logger.warn({ namesrv: address, code: response.code, remark: response.remark }, 'REGISTER_BROKER refused');
        return undefined;
      }
      this.logger.debug({ namesrv: address, topics: input.topicConfigTable.size }, 'registered with name server');
      return RegisterBrokerResponseHeader.decode(response.extFields);
    } catch (error) {
      this.logger.warn({ err: error, namesrv: address }, 'REGISTER_BROKER failed; retrying next period');
      return undefined;
    }
  }
}
