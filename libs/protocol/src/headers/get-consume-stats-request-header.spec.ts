import { describe, expect, it } from 'vitest';

import { GetConsumeStatsRequestHeader } from './get-consume-stats-request-header';

describe('Protocol > headers > GetConsumeStatsRequestHeader', () => {
  it('reads the exporter header and ignores the RPC keys Java 5.x tools add', () => {
    expect(GetConsumeStatsRequestHeader.decode({ consumerGroup: 'G', topic: 'T', brokerName: 'broker-a', lo: 'false' })).toEqual({
      consumerGroup: 'G',
      topic: 'T',
    });
    expect(GetConsumeStatsRequestHeader.encode({ consumerGroup: 'G', topic: 'T' })).toEqual({ consumerGroup: 'G', topic: 'T' });
  });

  it('treats a blank topic as none (Java UtilAll.isBlank) and requires the group', () => {
    expect(GetConsumeStatsRequestHeader.decode({ consumerGroup: 'G', topic: '  ' }).topic).toBeUndefined();
    expect(GetConsumeStatsRequestHeader.encode({ consumerGroup: 'G' })).toEqual({ consumerGroup: 'G' });
    expect(() => GetConsumeStatsRequestHeader.decode({ topic: 'T' })).toThrow('GetConsumeStatsRequestHeader.consumerGroup: missing');
  });
});
