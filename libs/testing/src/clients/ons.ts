import { Consumer, Message, type OnsMQClient, type OnsOptions, Producer } from 'ali-ons';
import urllib from 'urllib';
import { afterAll } from 'vitest';
import { errorMessage } from '@rocketmq-ts/base';

/** One SEND_OK answer: the message is stored on that group's master (and, in sync mode, its slave). */
export interface Ack {
  readonly key: string;
  readonly brokerName: string;
  readonly atMs: number;
}

/** ali-ons logs through console by default; keep its warnings and errors for a failure report. */
export const onsLog: string[] = [];
const logger = {
  info: () => undefined,
  debug: () => undefined,
  warn: (...args: unknown[]) => onsLog.push(`WARN ${args.map(String).join(' ')}`),
  error: (...args: unknown[]) => onsLog.push(`ERROR ${args.map(String).join(' ')}`),
};

/**
 * ali-ons makes one process-wide inner producer (Producer.defaultProducer) on a client's start,
 * with no error listener: a name server or broker refusing connections while it is down would be
 * thrown as uncaught. Listen to it as to our own clients.
 */
function listenToDefaultProducer(): void {
  const inner = Producer.defaultProducer;
  if (inner !== undefined && inner.listenerCount('error') === 0)
    inner.on('error', (error: Error) => onsLog.push(`inner producer error: ${error.message}`));
}

/**
 * ali-ons's shared MQClient throws its errors as uncaught when it has no listener: while a closed
 * client's connects to a dead name server or broker are still pending, and while a new consumer
 * asks for the route of its %RETRY% topic before the broker has registered it. Keep one.
 */
function quietAfterClose(client: OnsMQClient): void {
  if (client.listenerCount('error') === 0) client.on('error', (error: Error) => onsLog.push(`after close: ${error.message}`));
}

/** Closes ali-ons's inner producer, before the cluster stops. */
export async function closeDefaultProducer(): Promise<void> {
  const inner = Producer.defaultProducer;
  if (inner === undefined) return;
  await inner.close();
  quietAfterClose(inner._mqClient);
}

/** Route polls and rebalances every second (ali-ons defaults: 30 s and 10 s) so failover shows within a test. */
function onsOptions(namesrvAddrs: readonly string[], extra: Partial<OnsOptions>): OnsOptions {
  return { nameSrv: [...namesrvAddrs], httpclient: urllib, logger, pollNameServerInteval: 1_000, rebalanceInterval: 1_000, ...extra };
}

/** An ali-ons producer sending keyed messages one after another until stopped, recording every SEND_OK. */
export class OnsSendLoop {
  readonly acks: Ack[] = [];
  readonly failures: string[] = [];
  private readonly producer: Producer;
  private running = false;
  private loop: Promise<void> = Promise.resolve();

  constructor(
    namesrvAddrs: readonly string[],
    private readonly topic: string,
    private readonly keyPrefix: string,
    group: string,
    /** Pause between sends: the default paces a failover test; 0 sends back to back. */
    private readonly pauseMs = 20,
  ) {
    this.producer = new Producer(onsOptions(namesrvAddrs, { producerGroup: group }));
    this.producer.on('error', (error: Error) => onsLog.push(`producer error: ${error.message}`));
  }

  async start(): Promise<void> {
    await this.producer.ready();
    listenToDefaultProducer();
    this.running = true;
    this.loop = this.sendUntilStopped();
  }

  async stop(): Promise<void> {
    this.running = false;
    await this.loop;
    await this.producer.close();
    quietAfterClose(this.producer._mqClient);
  }

  acksOf(brokerName: string, sinceMs = 0): Ack[] {
    return this.acks.filter((ack) => ack.brokerName === brokerName && ack.atMs >= sinceMs);
  }

  private async sendUntilStopped(): Promise<void> {
    for (let index = 0; this.running; index += 1) {
      const key = `${this.keyPrefix}-${index}`;
      const message = new Message(this.topic, 'failover', `ali-ons ${key}`);
      message.keys = [key];
      try {
        const result = await this.producer.send(message);
        if (result.sendStatus === 'SEND_OK') this.acks.push({ key, brokerName: result.messageQueue.brokerName, atMs: Date.now() });
        else this.failures.push(`${key}: ${result.sendStatus}`);
      } catch (error) {
        this.failures.push(`${key}: ${errorMessage(error)}`);
      }
      if (this.pauseMs > 0) await new Promise((resolve) => setTimeout(resolve, this.pauseMs));
    }
  }
}

/** An ali-ons push consumer (a new group, from the first offset) recording the keys it received, by broker group. */
export class OnsKeyCollector {
  readonly received = new Map<string, string>();
  private readonly consumer: Consumer;

  constructor(namesrvAddrs: readonly string[], topic: string, group: string) {
    this.consumer = new Consumer(onsOptions(namesrvAddrs, { consumerGroup: group, consumeFromWhere: 'CONSUME_FROM_FIRST_OFFSET' }));
    this.consumer.on('error', (error: Error) => onsLog.push(`consumer error: ${error.message}`));
    this.consumer.subscribe(topic, '*', async (message) => {
      const keys = Array.isArray(message.keys) ? message.keys.join(' ') : (message.keys ?? '');
      for (const key of keys.split(' ').filter(Boolean)) this.received.set(key, message.brokerName ?? '');
    });
  }

  async ready(): Promise<void> {
    quietAfterClose(this.consumer._mqClient);
    await this.consumer.ready();
    listenToDefaultProducer();
  }

  async close(): Promise<void> {
    await this.consumer.close();
    quietAfterClose(this.consumer._mqClient);
  }

  missing(keys: readonly string[]): string[] {
    return keys.filter((key) => !this.received.has(key));
  }
}

/**
 * A place for a spec's ali-ons clients to register their close, run after the spec file with
 * ali-ons's inner producer last; and what ali-ons said, printed when a test fails.
 */
export function useOnsClients(): {
  closers: Array<() => Promise<void>>;
  printOnFailure: (context: { onTestFailed(handler: () => void): void }) => void;
} {
  const closers: Array<() => Promise<void>> = [];
  afterAll(async () => {
    for (const close of closers.reverse()) await close().catch(() => undefined);
    await closeDefaultProducer().catch(() => undefined);
  });
  const printOnFailure = (context: { onTestFailed(handler: () => void): void }): void =>
    context.onTestFailed(() => void process.stderr.write(`ali-ons said:\n${onsLog.slice(-100).join('\n')}\n`));
  return { closers, printOnFailure };
}
