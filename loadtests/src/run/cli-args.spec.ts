import { describe, expect, it } from 'vitest';

import { parseCliArgs, UsageError } from './cli-args';

describe('parseCliArgs', () => {
  it('reads the scenario, the name server and the options', () => {
    expect(
      parseCliArgs(['steady-send', '-n', '127.0.0.1:1', '--duration', '10s', '--summary-export', 'out.json', '--metrics-port=9465'], {}),
    ).toMatchObject({
      scenario: 'steady-send',
      namesrvAddr: '127.0.0.1:1',
      durationMs: 10_000,
      summaryExport: 'out.json',
      metricsPort: 9465,
    });
    expect(parseCliArgs(['x'], { NAMESRV_ADDR: '10.0.0.1:9876' })).toMatchObject({
      namesrvAddr: '10.0.0.1:9876',
      metricsPort: 0,
      metricsHost: '127.0.0.1',
    });
    expect(parseCliArgs(['-h'], {})).toBe('help');
  });

  it.each([[[]], [['a', 'b']], [['a', '--duration', 'soon']], [['a', '--metrics-port', '70000']], [['a', '--bogus']]])(
    'rejects %j',
    (argv) => {
      expect(() => parseCliArgs(argv, {})).toThrow(UsageError);
    },
  );
});
