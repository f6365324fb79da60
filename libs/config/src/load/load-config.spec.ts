import { describe, expect, it } from 'vitest';

import { ConfigError } from '../schema/config-error';
import { defineConfigSchema } from '../schema/define-config-schema';
import { bool, duration, port, string } from '../schema/validators';
import { formatConfig } from './format-config';
import { loadConfig } from './load-config';

const schema = defineConfigSchema({
  listenPort: port(9876),
  namesrvAddr: string('', { env: 'NAMESRV_ADDR' }),
  orderMessageEnable: bool(false),
  scanNotActiveBrokerInterval: duration(5000, { minMs: 1 }),
  kvConfigPath: string('/home/rmq/namesrv/kvConfig.json'),
});

const files = (contents: Record<string, string>) => (path: string) => {
  const text = contents[path];
  if (text === undefined) throw new Error(`ENOENT: no such file or directory, open '${path}'`);
  return text;
};

describe('Config > loadConfig', () => {
  it('returns frozen defaults when nothing is given', () => {
    const loaded = loadConfig(schema, { argv: [], env: {} });
    expect(loaded.config).toEqual({
      listenPort: 9876,
      namesrvAddr: '',
      orderMessageEnable: false,
      scanNotActiveBrokerInterval: 5000,
      kvConfigPath: '/home/rmq/namesrv/kvConfig.json',
    });
    expect(Object.isFrozen(loaded.config)).toBe(true);
    expect(loaded.sources.listenPort).toBe('default');
  });

  it('layers defaults < file < environment < command line', () => {
    const readFile = files({ '/n.conf': 'listenPort=9000\nnamesrvAddr=file:1\norderMessageEnable=true\n' });
    const loaded = loadConfig(schema, {
      argv: ['-c', '/n.conf', '--listenPort=9100'],
      env: { NAMESRV_ADDR: 'env:2', LISTEN_PORT: '1' },
      readFile,
    });
    expect(loaded.config).toMatchObject({ listenPort: 9100, namesrvAddr: 'env:2', orderMessageEnable: true });
    expect(loaded.sources).toMatchObject({ listenPort: 'cli', namesrvAddr: 'env', orderMessageEnable: 'file', kvConfigPath: 'default' });
    expect(loadConfig(schema, { argv: ['-n', 'cli:3'], env: { NAMESRV_ADDR: 'env:2' } }).config.namesrvAddr).toBe('cli:3');
  });

  it('reports every bad key in one error, one line each', () => {
    const readFile = files({ '/bad.conf': 'orderMessageEnable=yes\n' });
    const attempt = () =>
      loadConfig(schema, { argv: ['-c', '/bad.conf', '--listenPort=abc', '--scanNotActiveBrokerInterval=soon'], env: {}, readFile });
    expect(attempt).toThrow(ConfigError);
    expect(attempt).toThrow(
      [
        'invalid configuration:',
        '  listenPort: expected an integer in [1, 65535], got "abc" (--listenPort)',
        '  orderMessageEnable: expected "true" or "false", got "yes" (/bad.conf line 1)',
        '  scanNotActiveBrokerInterval: expected a duration (milliseconds, or a number with ms/s/m/h) in [1, 9007199254740991] ms, got "soon" (--scanNotActiveBrokerInterval)',
      ].join('\n'),
    );
  });

  it('lists config-file and command-line problems with the key errors', () => {
    try {
      loadConfig(schema, { argv: ['-c', '/missing.conf', 'stray', '--listenPort=0'], env: {}, readFile: files({}) });
      expect.unreachable('loadConfig should have thrown');
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      expect((error as ConfigError).issues.map((issue) => issue.key)).toEqual(['command line', 'config file', 'listenPort']);
      expect((error as ConfigError).message).toContain(`config file: cannot read "/missing.conf": ENOENT`);
      expect((error as ConfigError).warnings).toEqual([]);
    }
  });

  it('warns about unknown keys with the nearest known key', () => {
    const readFile = files({ '/n.conf': '# typo below\nlistenPrt=9000\nbrokerRole=SLAVE\n' });
    const loaded = loadConfig(schema, { argv: ['-c', '/n.conf', '--kvConfigPth=/x'], env: {}, readFile });
    expect(loaded.warnings).toEqual([
      'unknown key "listenPrt" (/n.conf line 2) ignored; did you mean "listenPort"?',
      'unknown key "brokerRole" (/n.conf line 3) ignored',
      'unknown key "kvConfigPth" (--kvConfigPth) ignored; did you mean "kvConfigPath"?',
    ]);
    expect(loaded.config.listenPort).toBe(9876);
  });

  it('keeps unknown-key warnings on the error, since a typo often explains the failure', () => {
    try {
      loadConfig(schema, { argv: ['--listenPort=x', '--orderMessageEnabled=true'], env: {} });
      expect.unreachable('loadConfig should have thrown');
    } catch (error) {
      expect((error as ConfigError).warnings).toEqual([
        'unknown key "orderMessageEnabled" (--orderMessageEnabled) ignored; did you mean "orderMessageEnable"?',
      ]);
    }
  });

  it('ignores an empty environment variable', () => {
    expect(loadConfig(schema, { argv: [], env: { NAMESRV_ADDR: '' } }).sources.namesrvAddr).toBe('default');
  });

  it('prints the effective configuration as properties', () => {
    const loaded = loadConfig(schema, { argv: ['--listenPort=1234'], env: {} });
    expect(formatConfig(schema, loaded.config)).toBe(
      'listenPort=1234\nnamesrvAddr=\norderMessageEnable=false\nscanNotActiveBrokerInterval=5000\nkvConfigPath=/home/rmq/namesrv/kvConfig.json',
    );
  });

  it('refuses a schema where two keys claim one environment variable', () => {
    expect(() => defineConfigSchema({ a: string('', { env: 'X' }), b: string('', { env: 'X' }) })).toThrow(/X claimed by both a and b/);
  });
});
