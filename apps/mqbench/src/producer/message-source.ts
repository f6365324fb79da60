import { randomInt } from 'node:crypto';

import { at } from '@rocketmq-ts/base';
import type { Message } from '@rocketmq-ts/client';

const ALPHANUMERIC = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/** A random alphanumeric body, made once per run as Apache's benchmark does. */
export function randomBody(size: number): Buffer {
  const body = Buffer.allocUnsafe(size);
  for (let at = 0; at < size; at += 1) body[at] = ALPHANUMERIC.charCodeAt(randomInt(ALPHANUMERIC.length));
  return body;
}

export interface MessageSourceOptions {
  readonly topic: string;
  readonly body: Buffer;
  /** KEYS = the send's epoch second, as Apache's benchmark sets it. */
  readonly keyEnable: boolean;
  /** TAGS = `tag<ms % tagCount>`, as Apache's `-l`; 0 = none. */
  readonly tagCount: number;
  readonly now?: () => number;
}

/**
 * The message of each send. Messages are immutable values that the producer only reads, so the same
 * object is sent again and again; with keys on, the set of messages is rebuilt once a second (the key
 * is the second), not per send.
 */
export class MessageSource {
  private readonly now: () => number;
  private cached: Message[] = [];
  private cachedSecond = Number.NaN;

  constructor(private readonly options: MessageSourceOptions) {
    this.now = options.now ?? Date.now;
    if (!options.keyEnable) this.cached = this.build(undefined);
  }

  next(): Message {
    const now = this.now();
    if (this.options.keyEnable) {
      const second = Math.floor(now / 1000);
      if (second !== this.cachedSecond) {
        this.cached = this.build(String(second));
        this.cachedSecond = second;
      }
    }
    const index = this.options.tagCount > 0 ? now % this.options.tagCount : 0;
    return this.cached[index] ?? at(this.cached, 0, 'cached messages');
  }

  private build(keys: string | undefined): Message[] {
    const { topic, body, tagCount } = this.options;
    if (tagCount === 0) return [keys === undefined ? { topic, body } : { topic, body, keys }];
    return Array.from({ length: tagCount }, (_, tag) =>
      keys === undefined ? { topic, body, tags: `tag${tag}` } : { topic, body, tags: `tag${tag}`, keys },
    );
  }
}
