import { describe, expect, it } from 'vitest';

import { parseBatchOutput } from './admin-batch';
import { keyValueLines, normalise } from './normalise';

describe('mqadmin suite > normalise', () => {
  const addresses = { namesrvAddr: '127.0.0.1:40001', brokerAddr: '127.0.0.1:40011' };

  it('masks addresses, ids, times and rates but keeps whole counters', () => {
    const text =
      'DefaultCluster  broker-a  0  127.0.0.1:40011   V5_3_3   0.38(0,0ms)\n192.0.2.2@admin-consumer-7  127.0.0.1:5555  C00002021D244E0E2F2A2253EADF0000 2026-12-07 15:58:45,008 1796659124966 20   \n\n';
    expect(normalise(text, addresses)).toBe(
      'DefaultCluster broker-a 0 <broker> V5_3_3 <n.n>(0,0ms)\n<clientId> <addr> <msgid> <time> <ms> 20',
    );
  });

  it('reads key-value listings', () => {
    expect([...keyValueLines('====x====\nbrokerName = a\nmaxMessageSize  =  4', '=')]).toEqual([
      ['brokerName', 'a'],
      ['maxMessageSize', '4'],
    ]);
  });
});

describe('mqadmin suite > batch output', () => {
  it('splits blocks, keeps an unterminated last line, and marks a command the JVM never finished', () => {
    const runs = parseBatchOutput(['@@@BEGIN 0', 'a', 'b@@@END 0 12', '@@@BEGIN 1', 'c'], [['one'], ['two']]);
    expect(runs).toEqual([
      { args: ['one'], output: 'a\nb', millis: 12, completed: true },
      { args: ['two'], output: '', millis: 0, completed: false },
    ]);
  });
});
