import { type Logger, systemClock, type TimerHandle, type Timers } from '@rocketmq-ts/base';
import { createRequest, HeartbeatData, RequestCode, ResponseCode, UnregisterClientRequestHeader } from '@rocketmq-ts/protocol';
import type { RemotingClient } from '@rocketmq-ts/remoting';

/** Java's heartbeatBrokerInterval. */
export const DEFAULT_HEARTBEAT_INTERVAL_MS = 30_000;

export interface ProducerHeartbeatOptions {
  readonly remoting: RemotingClient;
  readonly clientId: string;
  readonly producerGroup: string;
  readonly requestTimeoutMs: number;
  readonly intervalMs?: number;
  readonly logger: Logger;
  /** Where the heartbeat period is scheduled; real timers by default. */
  readonly timers?: Timers;
  /** The masters to tell about us; read at every beat so new brokers are picked up. */
  readonly masterAddrs: () => readonly string[];
}

/**
 * HEART_BEAT with the producer group to every master every 30 s, so the broker lists this producer
 * (admin tools, transaction checks); UNREGISTER_CLIENT to each of them on shutdown.
 */
export class ProducerHeartbeat {
  private timer: TimerHandle | undefined;
  /** Masters already sent a first heartbeat, so a new broker hears of us at once, not 30 s later. */
  private readonly greeted = new Set<string>();

  constructor(private readonly options: ProducerHeartbeatOptions) {}

  start(): void {
    // unref'd: heartbeats alone must not keep the process alive.
    this.timer ??= (this.options.timers ?? systemClock)
      .setInterval(() => void this.beatAll(), this.options.intervalMs ?? DEFAULT_HEARTBEAT_INTERVAL_MS)
      .unref();
  }

  stop(): void {
    (this.options.timers ?? systemClock).clearInterval(this.timer);
    this.timer = undefined;
  }

  /** Heartbeats masters not seen before; called when a route names its brokers. */
  greet(addrs: readonly string[]): void {
    for (const addr of addrs) {
      if (this.greeted.has(addr)) continue;
      this.greeted.add(addr);
      void this.beat(addr);
    }
  }

  async beatAll(): Promise<void> {
    await Promise.all(this.options.masterAddrs().map((addr) => this.beat(addr)));
  }

  /** UNREGISTER_CLIENT to every master; failures are logged, as the broker also drops us when the socket closes. */
  async unregisterAll(): Promise<void> {
    const extFields = UnregisterClientRequestHeader.encode({ clientID: this.options.clientId, producerGroup: this.options.producerGroup });
    await Promise.all(
      this.options.masterAddrs().map(async (addr) => {
        try {
          const response = await this.options.remoting.invoke(
            addr,
            createRequest(RequestCode.UNREGISTER_CLIENT, { extFields }),
            this.options.requestTimeoutMs,
          );
          if (response.code !== ResponseCode.SUCCESS)
            this.options.logger.warn({ addr, code: response.code, remark: response.remark }, 'UNREGISTER_CLIENT refused');
        } catch (error) {
          this.options.logger.warn({ addr, err: error }, 'UNREGISTER_CLIENT failed');
        }
      }),
    );
  }

  private async beat(addr: string): Promise<void> {
    const body = HeartbeatData.encode({
      clientID: this.options.clientId,
      producerDataSet: [{ groupName: this.options.producerGroup }],
      consumerDataSet: [],
      heartbeatFingerprint: 0,
      withoutSub: false,
    });
    try {
      const response = await this.options.remoting.invoke(
        addr,
        createRequest(RequestCode.HEART_BEAT, { body }),
        this.options.requestTimeoutMs,
      );
      if (response.code !== ResponseCode.SUCCESS)
        this.options.logger.warn({ addr, code: response.code, remark: response.remark }, 'heartbeat refused');
    } catch (error) {
      // A missed beat is harmless: the next one comes in 30 s, and sends do not depend on it.
      this.options.logger.warn({ addr, err: error }, 'heartbeat failed');
    }
  }
}
