import { MQClientError } from '../errors';
import type { ConsumerRuntime } from './consumer-runtime';

export type ConsumerState = 'created' | 'starting' | 'running' | 'stopping' | 'shutdown';

/**
 * A consumer's states (created → starting → running → stopping → shutdown; a consumer starts at
 * most once) and the rules both consumers share: a failed start leaves it shut down for good, and
 * a shutdown() racing a start() waits for it and then cleans up.
 */
export class ConsumerLifecycle {
  state: ConsumerState = 'created';
  /** The start() in progress. */
  private starting: Promise<void> | undefined;

  /** Runs the consumer's start `body` once; a second start() rejects. */
  start(body: () => Promise<void>): Promise<void> {
    this.starting = this.runStart(body).finally(() => {
      this.starting = undefined;
    });
    return this.starting;
  }

  /** Opens `runtime`; when that fails its sockets are closed and the consumer is shut down for good. */
  async open(runtime: ConsumerRuntime): Promise<void> {
    try {
      await runtime.open();
    } catch (error) {
      this.state = 'shutdown';
      await runtime.close();
      throw error;
    }
  }

  /** Runs the consumer's teardown `body` when it is running; one never started is just marked shut down. Idempotent. */
  async shutdown(body: () => Promise<void>): Promise<void> {
    await this.starting?.catch(() => undefined);
    if (this.state !== 'running') {
      if (this.state === 'created') this.state = 'shutdown';
      return;
    }
    this.state = 'stopping';
    await body();
    this.state = 'shutdown';
  }

  private async runStart(body: () => Promise<void>): Promise<void> {
    if (this.state !== 'created') throw new MQClientError(`consumer cannot start: it is ${this.state}`, { retriable: false });
    await body();
  }
}
