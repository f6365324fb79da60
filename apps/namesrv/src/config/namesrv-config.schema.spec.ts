import { describe, expect, it } from 'vitest';

import { ConfigError, loadConfig } from '@rocketmq-ts/config';

import { namesrvConfigSchema } from './namesrv-config.schema';

describe('Namesrv > config schema', () => {
  it('defaults to RocketMQ values', () => {
    expect(namesrvConfigSchema.defaults()).toMatchObject({
      listenPort: 9876,
      serverChannelMaxIdleTimeSeconds: 120,
      scanNotActiveBrokerInterval: 5000,
      orderMessageEnable: false,
      enableAllTopicList: true,
      httpPort: 9845,
    });
    expect(namesrvConfigSchema.defaults().kvConfigPath).toMatch(/namesrv[/\\]kvConfig\.json$/);
  });

  it('loads a Java namesrv.conf, reads ROCKETMQ_HOME and warns about keys it does not know', () => {
    const javaConf = 'listenPort=9877\nkvConfigPath=/data/kv.json\norderMessageEnable=true\nclientRequestThreadPoolNums=8\n';
    const loaded = loadConfig(namesrvConfigSchema, {
      argv: ['-c', 'namesrv.conf'],
      env: { ROCKETMQ_HOME: '/opt/rocketmq' },
      readFile: () => javaConf,
    });
    expect(loaded.config).toMatchObject({
      listenPort: 9877,
      kvConfigPath: '/data/kv.json',
      orderMessageEnable: true,
      rocketmqHome: '/opt/rocketmq',
    });
    expect(loaded.warnings).toEqual(['unknown key "clientRequestThreadPoolNums" (namesrv.conf line 4) ignored']);
  });

  it('refuses a scan interval below 100 ms', () => {
    expect(() => loadConfig(namesrvConfigSchema, { argv: ['--scanNotActiveBrokerInterval=5'], env: {} })).toThrow(ConfigError);
  });
});
