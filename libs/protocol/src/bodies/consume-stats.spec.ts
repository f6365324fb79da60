import { describe, expect, it } from 'vitest';

import { ConsumeStats } from './consume-stats';

// The Java broker's GET_CONSUME_STATS body as fastjson writes it: MessageQueue objects as map
// keys, OffsetWrapper getters in alphabetical order, consumeTps a double.
const JAVA_BODY =
  '{"consumeTps":1.5,"offsetTable":{' +
  '{"brokerName":"broker-a","queueId":0,"topic":"TopicA"}:{"brokerOffset":10,"consumerOffset":4,"lastTimestamp":1700000000000,"pullOffset":6},' +
  '{"brokerName":"broker-a","queueId":1,"topic":"TopicA"}:{"brokerOffset":3,"consumerOffset":0,"lastTimestamp":0,"pullOffset":0}}}';

describe('Protocol > bodies > ConsumeStats', () => {
  it('reads the Java body with object keys', () => {
    const stats = ConsumeStats.decode(JAVA_BODY);
    expect(stats.consumeTps).toBe(1.5);
    expect(stats.offsetTable).toEqual([
      [
        { topic: 'TopicA', brokerName: 'broker-a', queueId: 0 },
        { brokerOffset: 10, consumerOffset: 4, lastTimestamp: 1_700_000_000_000, pullOffset: 6 },
      ],
      [
        { topic: 'TopicA', brokerName: 'broker-a', queueId: 1 },
        { brokerOffset: 3, consumerOffset: 0, lastTimestamp: 0, pullOffset: 0 },
      ],
    ]);
    expect(ConsumeStats.totalDiff(stats)).toBe(9);
  });

  it('writes the same bytes fastjson does, apart from the double 1.5 (0 is written as 0)', () => {
    expect(ConsumeStats.encode(ConsumeStats.decode(JAVA_BODY)).toString('utf8')).toBe(JAVA_BODY);
    expect(ConsumeStats.encode({ consumeTps: 0, offsetTable: [] }).toString('utf8')).toBe('{"consumeTps":0,"offsetTable":{}}');
  });

  it('takes a pre-5.0 body without pullOffset, and an empty one, with Java defaults', () => {
    const old = ConsumeStats.decode(
      '{"consumeTps":0.0,"offsetTable":{{"brokerName":"b","queueId":2,"topic":"T"}:{"brokerOffset":5,"consumerOffset":2}}}',
    );
    expect(old.offsetTable[0]?.[1]).toEqual({ brokerOffset: 5, consumerOffset: 2, lastTimestamp: 0, pullOffset: 2 });
    expect(ConsumeStats.decode('{}')).toEqual({ consumeTps: 0, offsetTable: [] });
  });

  it('names the path of a malformed entry', () => {
    expect(() => ConsumeStats.decode('{"offsetTable":{{"brokerName":"b","queueId":"x","topic":"T"}:{}}}')).toThrow(
      '$.offsetTable[0].key.queueId',
    );
  });
});
