import { errorMessage } from '@rocketmq-ts/base';
import type { Logger } from '@rocketmq-ts/base';
import { Producer, type SendStatus } from '@rocketmq-ts/client';

/** One send the broker answered: the message is stored on that group's master. */
export interface Ack {
  readonly id: string;
  readonly brokerName: string;
  readonly queueId: number;
  readonly queueOffset: number;
  readonly status: SendStatus;
  readonly atMs: number;
}

/** A failed attempt (retried or final) naming the broker group it went to, when the client says. */
export interface FailedAttempt {
  readonly atMs: number;
  readonly broker: string | undefined;
  readonly final: boolean;
  readonly message: string;
}

export interface SendLoadOptions {
  readonly namesrvAddr: string;
  readonly topic: string;
  readonly senders: number;
  readonly bodyBytes: number;
  /** Pause between two sends of one sender, to keep a steady, modest rate on a shared machine. */
  readonly pauseMs: number;
  /** The producer's route refresh period (Java's pollNameServerInterval). */
  readonly routeRefreshIntervalMs: number;
}

/**
 * `senders` loops sending numbered messages through our Producer until stopped, recording every
 * answer and every failed attempt (from the producer's retry warnings and thrown errors).
 */
export class SendLoad {
  readonly acks: Ack[] = [];
  readonly failures: FailedAttempt[] = [];
  private readonly producer: Producer;
  private readonly padding: string;
  private loops: Promise<void>[] = [];
  private running = false;

  constructor(private readonly options: SendLoadOptions) {
    this.padding = 'x'.repeat(Math.max(0, options.bodyBytes - 24));
    this.producer = new Producer({
      namesrvAddr: options.namesrvAddr,
      producerGroup: `ha_e2e_producer_${Date.now().toString(36)}`,
      routeRefreshIntervalMs: options.routeRefreshIntervalMs,
      logger: this.attemptRecorder(),
    });
  }

  async start(): Promise<void> {
    await this.producer.start();
    this.running = true;
    this.loops = Array.from({ length: this.options.senders }, (_, sender) => this.loop(sender));
  }

  async stop(): Promise<void> {
    this.running = false;
    await Promise.all(this.loops);
    await this.producer.shutdown();
  }

  acksOf(brokerName: string): Ack[] {
    return this.acks.filter((ack) => ack.brokerName === brokerName);
  }

  /** Waits until at least `count` more acks arrived. */
  async waitForMoreAcks(count: number, timeoutMs: number): Promise<void> {
    const target = this.acks.length + count;
    const deadline = Date.now() + timeoutMs;
    while (this.acks.length < target) {
      if (Date.now() > deadline)
        throw new Error(
          `only ${this.acks.length - target + count} of ${count} acks within ${timeoutMs} ms (${this.failures.length} failures so far)`,
        );
      await sleep(50);
    }
  }

  private async loop(sender: number): Promise<void> {
    for (let seq = 0; this.running; seq += 1) {
      const id = `${sender}-${seq}`;
      try {
        const result = await this.producer.send({ topic: this.options.topic, body: `${id}:${this.padding}` });
        this.acks.push({
          id,
          brokerName: result.messageQueue.brokerName,
          queueId: result.messageQueue.queueId,
          queueOffset: result.queueOffset,
          status: result.sendStatus,
          atMs: Date.now(),
        });
      } catch (error) {
        this.failures.push({ atMs: Date.now(), broker: undefined, final: true, message: errorMessage(error) });
      }
      if (this.options.pauseMs > 0) await sleep(this.options.pauseMs);
    }
  }

  private attemptRecorder(): Logger {
    const failures = this.failures;
    const record = (fieldsOrMessage: Record<string, unknown> | string, message?: string): void => {
      if (typeof fieldsOrMessage === 'string' || message !== 'send failed; retrying on another broker') return;
      const broker = typeof fieldsOrMessage['broker'] === 'string' ? fieldsOrMessage['broker'] : undefined;
      const cause = fieldsOrMessage['err'];
      failures.push({ atMs: Date.now(), broker, final: false, message: cause instanceof Error ? cause.message : 'retried' });
    };
    const ignore = (): void => undefined;
    const logger: Logger = { debug: ignore, info: ignore, warn: record, error: ignore, child: () => logger };
    return logger;
  }
}

/** The id a SendLoad body starts with. */
export function idOfBody(body: Buffer): string {
  const text = body.toString('latin1', 0, Math.min(body.length, 32));
  return text.slice(0, text.indexOf(':'));
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
