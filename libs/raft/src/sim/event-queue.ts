import { at } from '@rocketmq-ts/base';

interface ScheduledEvent {
  atMs: number;
  seq: number;
  run: () => void;
}

/** Simulated time: a binary heap of callbacks ordered by (time, insertion order), so runs are reproducible. */
export class EventQueue {
  private heap: ScheduledEvent[] = [];
  private seq = 0;
  nowMs = 0;

  schedule(delayMs: number, run: () => void): void {
    this.push({ atMs: this.nowMs + Math.max(0, delayMs), seq: this.seq++, run });
  }

  get size(): number {
    return this.heap.length;
  }

  /** Runs the earliest event; false when none is left. */
  step(): boolean {
    const event = this.pop();
    if (!event) return false;
    this.nowMs = event.atMs;
    event.run();
    return true;
  }

  peekTime(): number | undefined {
    return this.heap[0]?.atMs;
  }

  private before(a: ScheduledEvent, b: ScheduledEvent): boolean {
    return a.atMs < b.atMs || (a.atMs === b.atMs && a.seq < b.seq);
  }

  private push(event: ScheduledEvent): void {
    const heap = this.heap;
    heap.push(event);
    let i = heap.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const p = at(heap, parent, 'event heap');
      if (!this.before(event, p)) break;
      heap[i] = p;
      i = parent;
    }
    heap[i] = event;
  }

  private pop(): ScheduledEvent | undefined {
    const heap = this.heap;
    const top = heap[0];
    const last = heap.pop();
    if (!top || !last || heap.length === 0) return top;
    let i = 0;
    for (;;) {
      const left = 2 * i + 1;
      if (left >= heap.length) break;
      const right = left + 1;
      const child = right < heap.length && this.before(at(heap, right, 'event heap'), at(heap, left, 'event heap')) ? right : left;
      const next = at(heap, child, 'event heap');
      if (!this.before(next, last)) break;
      heap[i] = next;
      i = child;
    }
    heap[i] = last;
    return top;
  }
}
