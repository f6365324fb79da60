import type { MessageExt } from '@rocketmq-ts/client';
import { waitFor } from '@rocketmq-ts/testing';

/** What one consumer was handed, in order, for assertions. */
export class Collector {
  readonly messages: MessageExt[] = [];

  readonly take = (message: MessageExt): void => {
    this.messages.push(message);
  };

  bodies(): string[] {
    return this.messages.map((message) => message.body.toString());
  }

  distinctBodies(): Set<string> {
    return new Set(this.bodies());
  }
}

/** Waits until the collectors together saw every body in `expected` (duplicates allowed). */
export async function waitForAll(
  collectors: readonly Collector[],
  expected: readonly string[],
  reason: string,
  timeoutMs = 60_000,
): Promise<void> {
  await waitFor(
    () => {
      const seen = new Set(collectors.flatMap((collector) => collector.bodies()));
      return expected.every((body) => seen.has(body));
    },
    { timeoutMs, intervalMs: 100, reason },
  );
}

export function bodiesFor(prefix: string, count: number): string[] {
  return Array.from({ length: count }, (_, index) => `${prefix}-${index}`);
}
