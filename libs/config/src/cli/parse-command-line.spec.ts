import { describe, expect, it } from 'vitest';

import { parseCommandLine } from './parse-command-line';

describe('Config > command line', () => {
  it('reads -c, -n and both long-option forms', () => {
    const parsed = parseCommandLine(['-c', '/etc/namesrv.conf', '-n', '127.0.0.1:9876', '--listenPort=9877', '--rocketmqHome', '/opt/rmq']);
    expect(parsed.configFile).toBe('/etc/namesrv.conf');
    expect(Object.fromEntries(parsed.overrides)).toEqual({
      namesrvAddr: '127.0.0.1:9876',
      listenPort: '9877',
      rocketmqHome: '/opt/rmq',
    });
    expect(parsed.problems).toEqual([]);
  });

  it('treats a bare --key as a boolean switch and keeps = inside values', () => {
    const parsed = parseCommandLine(['--orderMessageEnable', '--kvConfigPath=/a=b', '--x']);
    expect(Object.fromEntries(parsed.overrides)).toEqual({ orderMessageEnable: 'true', kvConfigPath: '/a=b', x: 'true' });
  });

  it('lets the last override of a key win', () => {
    expect(parseCommandLine(['--listenPort=1', '--listenPort=2']).overrides.get('listenPort')).toBe('2');
  });

  it('sets -p and -h flags', () => {
    expect(parseCommandLine(['-p'])).toMatchObject({ printConfig: true, help: false });
    expect(parseCommandLine(['--help'])).toMatchObject({ printConfig: false, help: true });
  });

  it('reports stray arguments and missing option values instead of ignoring them', () => {
    const parsed = parseCommandLine(['-listenPort=1', 'oops', '--=x', '-c']);
    expect(parsed.problems).toEqual([
      'unrecognised argument "-listenPort=1" (use --key=value, -c <file> or -n <addr>)',
      'unrecognised argument "oops" (use --key=value, -c <file> or -n <addr>)',
      'option "--=x" has no key',
      'option -c needs a value',
    ]);
  });
});
