import { describe, expect, it } from 'vitest';

import { decodeTraceRecords, encodeTraceRecords, type TraceRecord } from './trace-data';

// A body as the Java 5.3.3 client writes it: one Pub and a SubBefore/SubAfter pair, \u0001 between
// fields and \u0002 after each record (TraceDataEncoder's layout).
const JAVA_BODY =
  'Pub\u00011700000000000\u0001DefaultRegion\u0001PG\u0001TopicA\u00017F0000010001\u0001TagA\u0001k1\u0001127.0.0.1:10911\u000111\u00013\u00010\u0001C0A80001000029\u0001true\u0002' +
  'SubBefore\u00011700000000100\u0001DefaultRegion\u0001CG\u0001REQ1\u00017F0000010001\u00010\u0001k1\u0002' +
  'SubAfter\u0001REQ1\u00017F0000010001\u00015\u0001true\u0001k1\u00010\u00011700000000105\u0001CG\u0002';

describe('trace records', () => {
  it('reads what the Java client writes and writes it back byte for byte', () => {
    const { records, skipped } = decodeTraceRecords(JAVA_BODY);
    expect(skipped).toBe(0);
    expect(records.map((record) => record.type)).toEqual(['Pub', 'SubBefore', 'SubAfter']);
    expect(records[0]).toMatchObject({
      groupName: 'PG',
      topic: 'TopicA',
      msgId: '7F0000010001',
      storeHost: '127.0.0.1:10911',
      costTimeMs: 3,
      offsetMsgId: 'C0A80001000029',
      success: true,
    });
    expect(records[2]).toMatchObject({ requestId: 'REQ1', costTimeMs: 5, success: true, timestamp: 1_700_000_000_105, groupName: 'CG' });
    expect(encodeTraceRecords(records)).toBe(JAVA_BODY);
  });

  it('skips records it cannot read and keeps the rest', () => {
    const { records, skipped } = decodeTraceRecords(
      'Pub\u0001notanumber\u0002SubBefore\u00011\u0001R\u0001G\u0001Q\u0001M\u00010\u0001k\u0002EndTransaction\u00011\u0002',
    );
    expect(skipped).toBe(1);
    expect(records.map((record: TraceRecord) => record.type)).toEqual(['SubBefore', 'other']);
  });
});
