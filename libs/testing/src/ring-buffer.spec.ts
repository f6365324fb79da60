import { describe, expect, it } from 'vitest';

import { RingBuffer } from './ring-buffer';

describe('Testing > RingBuffer', () => {
  it('keeps everything below capacity, oldest first', () => {
    const ring = new RingBuffer<number>(3);
    ring.push(1);
    ring.push(2);
    expect(ring.toArray()).toEqual([1, 2]);
    expect(ring.dropped).toBe(0);
  });

  it('drops the oldest items past capacity and counts them', () => {
    const ring = new RingBuffer<number>(3);
    for (let i = 1; i <= 7; i++) ring.push(i);
    expect(ring.toArray()).toEqual([5, 6, 7]);
    expect(ring.size).toBe(3);
    expect(ring.dropped).toBe(4);
  });

  it('rejects a capacity below one', () => {
    expect(() => new RingBuffer<number>(0)).toThrow(RangeError);
  });
});
