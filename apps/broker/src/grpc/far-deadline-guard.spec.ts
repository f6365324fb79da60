import { describe, expect, it } from 'vitest';

import { grpcTimeoutMs } from './far-deadline-guard';

describe('grpc-timeout parsing for the far-deadline guard', () => {
  it("reads every unit, including the Java client's one-year Telemetry deadline", () => {
    expect(grpcTimeoutMs('31535999M')).toBe(31_535_999 * 60_000);
    expect(grpcTimeoutMs('2H')).toBe(7_200_000);
    expect(grpcTimeoutMs('10S')).toBe(10_000);
    expect(grpcTimeoutMs('250m')).toBe(250);
    expect(grpcTimeoutMs('5000u')).toBe(5);
    expect(grpcTimeoutMs('3000000n')).toBe(3);
  });

  it('leaves what does not parse to grpc-js (more than 8 digits, no unit, other text)', () => {
    expect(grpcTimeoutMs('123456789S')).toBeUndefined();
    expect(grpcTimeoutMs('10')).toBeUndefined();
    expect(grpcTimeoutMs('soon')).toBeUndefined();
  });
});
