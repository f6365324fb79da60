import type { Clock } from '@rocketmq-ts/base';
import type { DataVersion } from '@rocketmq-ts/protocol';

/**
 * Java's DataVersion as a mutable owner: `next()` on every change (counter + 1, timestamp = now),
 * so the name server (topics) and slaves (groups) can tell a changed table from an unchanged one.
 */
export class DataVersionCounter {
  private version: DataVersion;

  constructor(private readonly clock: Clock) {
    this.version = { counter: 0n, stateVersion: 0n, timestamp: BigInt(clock.nowMs()) };
  }

  get current(): DataVersion {
    return this.version;
  }

  /** Restores a persisted version (load). */
  assign(version: DataVersion): void {
    this.version = version;
  }

  next(): DataVersion {
    this.version = { counter: this.version.counter + 1n, stateVersion: this.version.stateVersion, timestamp: BigInt(this.clock.nowMs()) };
    return this.version;
  }
}
