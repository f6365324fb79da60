import { describe, expect, it } from 'vitest';

import { javaStringHashCode } from '@rocketmq-ts/model';

import { buildSubscription, retrySubscription, tagMatches } from './subscription';

describe('Client > consumer > subscriptions', () => {
  it('reads "*" and blank as all tags, with no tag codes', () => {
    for (const expression of ['*', '', '  * ', undefined]) {
      expect(buildSubscription('T', expression, 5n)).toEqual({
        topic: 'T',
        subString: '*',
        tagsSet: [],
        codeSet: [],
        subVersion: 5n,
        expressionType: 'TAG',
        classFilterMode: false,
      });
    }
  });

  it('splits "A || B" into tags and their Java String.hashCode values', () => {
    const subscription = buildSubscription('T', 'TagA || TagB ||TagA', 1n);
    expect(subscription.tagsSet).toEqual(['TagA', 'TagB']);
    expect(subscription.codeSet).toEqual([javaStringHashCode('TagA'), javaStringHashCode('TagB')]);
    expect(subscription.subString).toBe('TagA || TagB ||TagA');
  });

  it('matches tags on the client: all for "*", only listed ones otherwise', () => {
    expect(tagMatches(buildSubscription('T', '*', 1n), undefined)).toBe(true);
    const some = buildSubscription('T', 'A||B', 1n);
    expect([tagMatches(some, 'A'), tagMatches(some, 'C'), tagMatches(some, undefined)]).toEqual([true, false, false]);
  });

  it('subscribes the group retry topic to every tag', () => {
    expect(retrySubscription('G', 1n)).toMatchObject({ topic: '%RETRY%G', subString: '*' });
  });

  it('refuses an expression that names no tag', () => {
    expect(() => buildSubscription('T', '||', 1n)).toThrow(/names no tag/);
  });
});
