import { describe, expect, it } from 'vitest';

import { cycleOf, MessageFactory, RUN_PROPERTY, SEQ_PROPERTY } from './message-factory';

describe('MessageFactory', () => {
  it('mixes sizes in proportion to their weights', () => {
    const cycle = cycleOf([
      { size: 100, weight: 6 },
      { size: 65_536, weight: 2 },
      { size: 4096, weight: 0 },
    ]);
    expect(cycle.filter((size) => size === 100)).toHaveLength(3);
    expect(cycle.filter((size) => size === 65_536)).toHaveLength(1);
    expect(cycle).not.toContain(4096);
  });

  it('stamps the run id and sequence, keys and tags', () => {
    const factory = new MessageFactory('T', 'run1', { size: 10, keys: true, tags: ['a', 'b'] });
    const [first, second] = [factory.build(0), factory.build(1)];
    expect(first).toMatchObject({ topic: 'T', tags: 'a', keys: 'run1-0', properties: { [RUN_PROPERTY]: 'run1', [SEQ_PROPERTY]: '0' } });
    expect(second).toMatchObject({ tags: 'b', keys: 'run1-1' });
    expect(Buffer.byteLength(first?.body ?? '')).toBe(10);
  });
});
