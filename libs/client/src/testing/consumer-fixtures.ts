import { waitFor } from '@rocketmq-ts/testing';

import type { MessageExt } from '../consumer/message-ext';
import type { Producer } from '../producer/producer';

// Support for the consumer specs: numbered messages and a recorder of what a listener received
// (topics come from @rocketmq-ts/testing's createTopic, ready producers from ./ready-producer).

/** Sends `count` messages with bodies `${prefix}-${index}` and returns those bodies in send order. */
export async function sendNumbered(producer: Producer, topic: string, prefix: string, count: number, tags?: string): Promise<string[]> {
  const bodies: string[] = [];
  for (let index = 0; index < count; index += 1) {
    const body = `${prefix}-${index}`;
    await producer.send({ topic, body, tags });
    bodies.push(body);
  }
  return bodies;
}

/** What a listener saw, by body text. */
export class Received {
  readonly messages: MessageExt[] = [];

  add(message: MessageExt): void {
    this.messages.push(message);
  }

  bodies(): string[] {
    return this.messages.map((message) => message.body.toString());
  }

  distinctBodies(): Set<string> {
    return new Set(this.bodies());
  }

  /** Waits until every body of `expected` was received at least once. */
  async waitForAll(expected: readonly string[], timeoutMs = 20_000): Promise<void> {
    await waitFor(
      () => {
        const seen = this.distinctBodies();
        return expected.every((body) => seen.has(body));
      },
      { timeoutMs, intervalMs: 50, reason: `${expected.length} messages received (have ${this.distinctBodies().size})` },
    );
  }
}
