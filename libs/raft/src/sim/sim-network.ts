import type { RaftMessage } from '../messages';
import type { EventQueue } from './event-queue';
import type { Prng } from './prng';

export interface NetworkFaults {
  lossRate: number;
  duplicateRate: number;
  /** Each copy is delayed uniformly in [minDelayMs, maxDelayMs]; different delays reorder messages. */
  minDelayMs: number;
  maxDelayMs: number;
}

/**
 * A lossy network between simulated nodes. A partition assigns each node a group; a message crosses
 * only between nodes of the same group, judged both when sent and when delivered.
 */
export class SimNetwork {
  faults: NetworkFaults = { lossRate: 0, duplicateRate: 0, minDelayMs: 1, maxDelayMs: 10 };
  private group = new Map<string, number>();
  private readonly handlers = new Map<string, (message: RaftMessage) => void>();
  sent = 0;
  delivered = 0;

  constructor(
    private readonly queue: EventQueue,
    private readonly prng: Prng,
  ) {}

  attach(id: string, handler: (message: RaftMessage) => void): void {
    this.handlers.set(id, handler);
  }

  detach(id: string): void {
    this.handlers.delete(id);
  }

  partition(groups: readonly (readonly string[])[]): void {
    this.group = new Map();
    groups.forEach((members, g) => members.forEach((id) => this.group.set(id, g)));
  }

  heal(): void {
    this.group = new Map();
  }

  connected(a: string, b: string): boolean {
    return (this.group.get(a) ?? 0) === (this.group.get(b) ?? 0);
  }

  send(from: string, to: string, message: RaftMessage): void {
    this.sent += 1;
    if (!this.connected(from, to) || this.prng.chance(this.faults.lossRate)) return;
    const copies = this.prng.chance(this.faults.duplicateRate) ? 2 : 1;
    for (let copy = 0; copy < copies; copy += 1) {
      this.queue.schedule(this.prng.int(this.faults.minDelayMs, this.faults.maxDelayMs), () => {
        const handler = this.handlers.get(to);
        if (!handler || !this.connected(from, to)) return;
        this.delivered += 1;
        handler(message);
      });
    }
  }
}
