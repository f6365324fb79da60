import { describe, expect, it } from 'vitest';

import { MessageSource, randomBody } from './message-source';

describe('randomBody', () => {
  it('is alphanumeric and of the asked size', () => {
    const body = randomBody(1024);
    expect(body.length).toBe(1024);
    expect(body.toString('latin1')).toMatch(/^[A-Za-z0-9]{1024}$/);
  });
});

describe('MessageSource', () => {
  const body = Buffer.from('x');

  it('sends the same message object when there are no keys or tags', () => {
    const source = new MessageSource({ topic: 'T', body, keyEnable: false, tagCount: 0 });
    const first = source.next();
    expect(first).toEqual({ topic: 'T', body });
    expect(source.next()).toBe(first);
  });

  it("sets KEYS to the send's second, building a new message only when the second changes", () => {
    let now = 1_700_000_000_123;
    const source = new MessageSource({ topic: 'T', body, keyEnable: true, tagCount: 0, now: () => now });
    const first = source.next();
    expect(first.keys).toBe('1700000000');
    now += 500;
    expect(source.next()).toBe(first);
    now += 500;
    expect(source.next().keys).toBe('1700000001');
  });

  it('tags tag<ms % n>', () => {
    let now = 1_000;
    const source = new MessageSource({ topic: 'T', body, keyEnable: false, tagCount: 3, now: () => now });
    const tags = [0, 1, 2, 3].map(() => {
      now += 1;
      return source.next().tags;
    });
    expect(tags).toEqual(['tag2', 'tag0', 'tag1', 'tag2']);
  });
});
