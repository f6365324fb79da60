// Proves both message ids of docs/remoting-protocol.md#message-records: offsetMsgId against a published example and by round trip
// (fast-check), and UNIQ_KEY's layout, counter and month-relative clock with a ManualClock.
import { ManualClock } from '@rocketmq-ts/base';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import { createOffsetMessageId, decodeOffsetMessageId, parseUniqueKey, UniqueKeyGenerator, uniqueKeyNearlyTimeMs } from './message-id';
import { MessageDecodeError } from './model-errors';
import { formatSocketAddress } from './socket-address';

describe('Model > message id > offsetMsgId', () => {
  it('matches the published example 10.2.223.165:10911 @ 0x163E60ADB', () => {
    const id = createOffsetMessageId({ ip: Uint8Array.from([10, 2, 223, 165]), port: 10911 }, 0x1_63e6_0adb);
    expect(id).toBe('0A02DFA500002A9F0000000163E60ADB');
    const decoded = decodeOffsetMessageId(id.toLowerCase());
    expect(formatSocketAddress(decoded.storeHost)).toBe('10.2.223.165:10911');
    expect(decoded.physicalOffset).toBe(0x1_63e6_0adb);
  });

  it('is 56 hex characters for an IPv6 store host', () => {
    const id = createOffsetMessageId({ ip: new Uint8Array(16).fill(0xab), port: 1 }, 5);
    expect(id).toHaveLength(56);
    expect(id).toBe(`${'AB'.repeat(16)}00000001${'0'.repeat(15)}5`);
  });

  it.each([
    ['empty', ''],
    ['too short', '0A02DFA500002A9F0000000163E60AD'],
    ['not hex', '0A02DFA500002A9F0000000163E60ADG'],
    ['an offset beyond 2^53', '0A02DFA500002A9F7FFFFFFFFFFFFFFF'],
  ])('rejects an id that is %s with MessageDecodeError', (_name, id) => {
    expect(() => decodeOffsetMessageId(id)).toThrow(MessageDecodeError);
  });

  it('decode(create(host, offset)) = (host, offset)', () => {
    const ip = fc.oneof(fc.uint8Array({ minLength: 4, maxLength: 4 }), fc.uint8Array({ minLength: 16, maxLength: 16 }));
    fc.assert(
      fc.property(ip, fc.integer({ min: 0, max: 0xffff }), fc.maxSafeNat(), (address, port, offset) => {
        const decoded = decodeOffsetMessageId(createOffsetMessageId({ ip: address, port }, offset));
        expect([...decoded.storeHost.ip]).toEqual([...address]);
        expect(decoded.storeHost.port).toBe(port);
        expect(decoded.physicalOffset).toBe(offset);
      }),
      { numRuns: 300 },
    );
  });
});

describe('Model > message id > UNIQ_KEY', () => {
  const monthStart = new Date(2026, 2, 1).getTime();

  it('lays out ip, pid, instance hash, ms since the local month start and a counter', () => {
    const clock = new ManualClock(monthStart + 0x1234);
    const generator = new UniqueKeyGenerator({ ip: Uint8Array.from([192, 168, 1, 10]), pid: 0x12345, instanceHash: -1, clock });
    const first = generator.next();
    expect(first).toBe('C0A8010A' + '2345' + 'FFFFFFFF' + '00001234' + '0000');
    expect(generator.next().endsWith('0001')).toBe(true);
    expect(parseUniqueKey(first)).toEqual({
      ip: expect.anything() as Uint8Array,
      pid: 0x2345,
      instanceHash: -1,
      msSinceMonthStart: 0x1234,
      counter: 0,
    });
    expect([...parseUniqueKey(first).ip]).toEqual([192, 168, 1, 10]);
  });

  it('wraps the counter at 16 bits and restarts the span in a new month', () => {
    const clock = new ManualClock(monthStart + 5);
    const generator = new UniqueKeyGenerator({ ip: new Uint8Array(4), pid: 1, clock });
    let last = '';
    for (let i = 0; i <= 0x10000; i++) last = generator.next();
    expect(parseUniqueKey(last).counter).toBe(0);
    clock.set(new Date(2026, 3, 1).getTime() + 9);
    expect(parseUniqueKey(generator.next()).msSinceMonthStart).toBe(9);
  });

  it('writes the span through int32 like Java after ~24.8 days, and recovers the time', () => {
    const nowMs = monthStart + 30 * 86_400_000;
    const generator = new UniqueKeyGenerator({ ip: new Uint8Array(16), pid: 1, clock: new ManualClock(nowMs) });
    const id = generator.next();
    expect(id).toHaveLength(56);
    expect(parseUniqueKey(id).msSinceMonthStart).toBe(30 * 86_400_000);
    expect(uniqueKeyNearlyTimeMs(id, nowMs + 1000)).toBe(nowMs);
  });

  it('places a span that would be in the future in the previous month', () => {
    const generator = new UniqueKeyGenerator({ ip: new Uint8Array(4), pid: 1, clock: new ManualClock(new Date(2026, 1, 20).getTime()) });
    const id = generator.next();
    const earlyNextMonth = new Date(2026, 2, 2).getTime();
    expect(uniqueKeyNearlyTimeMs(id, earlyNextMonth)).toBe(new Date(2026, 1, 20).getTime());
  });

  it('rejects malformed keys with MessageDecodeError', () => {
    expect(() => parseUniqueKey('C0A8010A')).toThrow(MessageDecodeError);
  });
});
