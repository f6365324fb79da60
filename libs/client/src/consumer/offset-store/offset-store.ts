import type { MessageQueue } from '@rocketmq-ts/model';

/**
 * A group's consume offsets: kept in memory as consumption advances, written out periodically
 * and when a queue is given up (Java's OffsetStore). An offset is the next message to consume.
 */
export interface OffsetStore {
  /** Reads what is persisted (a file) into memory; a no-op for the broker-kept store. */
  load(): Promise<void>;
  /** The in-memory offset, undefined when this client has none for the queue. */
  readMemory(queue: MessageQueue): number | undefined;
  /**
   * The persisted offset (broker or file), cached in memory; undefined when none is stored.
   * Throws when the store cannot be asked (the caller retries later rather than guessing).
   */
  readStore(queue: MessageQueue): Promise<number | undefined>;
  /** `increaseOnly` ignores an offset below the one held (late completions after a reset). */
  update(queue: MessageQueue, offset: number, increaseOnly: boolean): void;
  /** Writes out the in-memory offsets of `queues`; failures are logged, not thrown. */
  persistAll(queues: readonly MessageQueue[]): Promise<void>;
  persist(queue: MessageQueue): Promise<void>;
  /** Forgets the in-memory offset (the queue went to another member). */
  remove(queue: MessageQueue): void;
}
