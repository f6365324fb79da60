import { describe, expect, it } from 'vitest';

import { type CliOption, parseArguments, parseArgumentsOrThrow } from './parse-arguments';
import { UsageError } from './usage-error';

const OPTIONS: readonly CliOption[] = [
  { key: 'topic', names: ['-t', '--topic'], takes: 'value' },
  { key: 'brokerName', names: ['-bn', '--brokerName'], takes: 'value' },
  { key: 'json', names: ['--json'], takes: 'switch' },
  { key: 'keys', names: ['-k', '--keyEnable'], takes: 'boolean' },
];

const values = (argv: string[], syntax: 'commons-cli' | 'equals' | 'separate'): Array<[string, string | true]> =>
  parseArgumentsOrThrow(argv, OPTIONS, { syntax }).map((entry) => [entry.key, entry.value]);

describe('Config > command-line scanner', () => {
  it('reads the commons-cli spellings, a multi-letter short name only whole', () => {
    expect(values(['-tA', '--topic', 'B', '--topic=C', '-bn', 'b', '--json'], 'commons-cli')).toEqual([
      ['topic', 'A'],
      ['topic', 'B'],
      ['topic', 'C'],
      ['brokerName', 'b'],
      ['json', true],
    ]);
    expect(() => values(['-b', 'x'], 'commons-cli')).toThrow('unknown option -b');
  });

  it('reads name=value and booleans with or without true/false in the equals spelling', () => {
    expect(values(['-t=A', '-k', '--keyEnable', 'false', '-k=true', '-t', '-x'], 'equals')).toEqual([
      ['topic', 'A'],
      ['keys', 'true'],
      ['keys', 'false'],
      ['keys', 'true'],
      ['topic', '-x'],
    ]);
    expect(() => values(['-tA'], 'equals')).toThrow('unknown option -tA');
  });

  it('matches only exact spellings in the separate spelling and turns other --key arguments into open entries', () => {
    const parsed = parseArguments(['-t', 'A', '--listenPort=1', '--flag', '--home', '/opt', '-t=B', 'stray', '--=x'], OPTIONS, {
      syntax: 'separate',
      openLongOptions: true,
      strayArgument: (arg) => `stray ${arg}`,
    });
    expect(parsed.entries.map((entry) => [entry.option === undefined ? 'open' : 'listed', entry.key, entry.value])).toEqual([
      ['listed', 'topic', 'A'],
      ['open', 'listenPort', '1'],
      ['open', 'flag', 'true'],
      ['open', 'home', '/opt'],
    ]);
    expect(parsed.problems).toEqual([
      { at: 6, message: 'stray -t=B' },
      { at: 7, message: 'stray stray' },
      { at: 8, message: 'option "--=x" has no key' },
    ]);
  });

  it('keeps scanning after a problem, so every problem is listed with its position, and throws the first as a UsageError', () => {
    const argv = ['--json=1', 'extra', '-t'];
    expect(parseArguments(argv, OPTIONS, { syntax: 'commons-cli' }).problems).toEqual([
      { at: 0, message: 'option --json takes no value' },
      { at: 1, message: 'unexpected argument "extra"' },
      { at: 2, message: 'option -t needs a value' },
    ]);
    expect(() => parseArgumentsOrThrow(argv, OPTIONS, { syntax: 'commons-cli' }, 'updateTopic')).toThrow(
      expect.objectContaining({ name: 'UsageError', command: 'updateTopic', message: 'option --json takes no value' }) as UsageError,
    );
  });
});
