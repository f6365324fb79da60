import { describe, expect, it } from 'vitest';

import { OptionValues, parseTimestamp } from './option-values';
import { parseOptions } from './parse-options';
import { renderTable } from './table';
import { UsageError } from '@rocketmq-ts/config';

const specs = [
  { short: 't', long: 'topic', hasArg: true, required: true, description: '' },
  { short: 'r', long: 'readQueueNums', hasArg: true, description: '' },
  { long: 'json', hasArg: false, description: '' },
];

describe('mqadmin > cli', () => {
  it('reads -t T, -tT, --topic T and --topic=T, and switches', () => {
    for (const args of [['-t', 'T'], ['-tT'], ['--topic', 'T'], ['--topic=T']])
      expect(parseOptions('c', args, specs).get('topic')).toBe('T');
    expect(parseOptions('c', ['-t', 'T', '--json'], specs).get('json')).toBe(true);
  });

  it('matches a multi-letter short name whole (Java electMaster: -bn brokerName beside -b brokerId)', () => {
    const electSpecs = [
      { short: 'bn', long: 'brokerName', hasArg: true, description: '' },
      { short: 'b', long: 'brokerId', hasArg: true, description: '' },
    ];
    const parsed = parseOptions('electMaster', ['-bn', 'broker-a', '-b', '2'], electSpecs);
    expect([parsed.get('brokerName'), parsed.get('brokerId')]).toEqual(['broker-a', '2']);
    expect(parseOptions('electMaster', ['-b3'], electSpecs).get('brokerId')).toBe('3');
  });

  it('refuses unknown options, missing values and required options, and stray words', () => {
    expect(() => parseOptions('c', ['-t', 'T', '-x', '1'], specs)).toThrow(UsageError);
    expect(() => parseOptions('c', ['-t'], specs)).toThrow(/needs a value/);
    expect(() => parseOptions('c', ['-r', '1'], specs)).toThrow(/missing required option -t/);
    expect(() => parseOptions('c', ['-t', 'T', 'extra'], specs)).toThrow(/unexpected argument/);
    expect(() => parseOptions('c', ['-t', 'T', '--json=1'], specs)).toThrow(/takes no value/);
  });

  it('types values and names the option in errors', () => {
    const values = new OptionValues('c', parseOptions('c', ['-t', 'T', '-r', 'eight'], specs));
    expect(() => values.integer('readQueueNums')).toThrow(/--readQueueNums must be an integer/);
  });

  it("reads mqadmin's time forms", () => {
    expect(parseTimestamp('now', 42)).toBe(42);
    expect(parseTimestamp('1700000000000')).toBe(1_700_000_000_000);
    expect(parseTimestamp('2024-03-05#06:07:08:009')).toBe(new Date(2024, 2, 5, 6, 7, 8, 9).getTime());
    expect(parseTimestamp('yesterday')).toBeUndefined();
  });

  it('pads columns to the widest cell, numbers to the right', () => {
    expect(
      renderTable(
        ['Name', 'QID'],
        [
          ['broker-a', 0],
          ['b', 12],
        ],
      ),
    ).toBe(['#Name     #QID', 'broker-a     0', 'b           12'].join('\n'));
  });
});
