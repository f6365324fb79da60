import { describe, expect, it } from 'vitest';

import { ConfigError, loadConfig } from '@rocketmq-ts/config';

import { type BrokerConfig, brokerConfigSchema } from './broker-config.schema';
import { checkReplicationRole, haListenPortOf } from './replication-role';

describe('Broker > config > replication role', () => {
  const config = (overrides: Partial<BrokerConfig>): BrokerConfig => ({
    ...brokerConfigSchema.defaults(),
    listenPort: 10911,
    httpPort: 10880,
    ...overrides,
  });

  it('refuses a slave with brokerId 0', () => {
    expect(checkReplicationRole(config({ brokerRole: 'SLAVE', brokerId: 0 })).errors).toEqual([
      expect.stringMatching(/^brokerId: a SLAVE needs brokerId > 0/),
    ]);
    expect(checkReplicationRole(config({ brokerRole: 'SLAVE', brokerId: 1 })).errors).toEqual([]);
  });

  it('runs a master as brokerId 0 whatever was configured, with a warning', () => {
    const checked = checkReplicationRole(config({ brokerRole: 'SYNC_MASTER', brokerId: 3 }));
    expect(checked.errors).toEqual([]);
    expect(checked.config.brokerId).toBe(0);
    expect(checked.warnings).toEqual([expect.stringMatching(/^brokerId: a SYNC_MASTER registers as brokerId 0/)]);
  });

  it('controller mode: needs controllerAddr, ignores brokerRole/brokerId (quick start: SLAVE, -1) and builds a SYNC_MASTER', () => {
    expect(checkReplicationRole(config({ enableControllerMode: true })).errors).toEqual([
      expect.stringMatching(/^controllerAddr: enableControllerMode=true needs the controllers/),
    ]);
    const checked = checkReplicationRole(
      config({ enableControllerMode: true, controllerAddr: '127.0.0.1:9878', brokerRole: 'SLAVE', brokerId: -1 }),
    );
    expect(checked.errors).toEqual([]);
    expect(checked.config).toMatchObject({ brokerRole: 'SYNC_MASTER', brokerId: 0 });
    expect(checked.warnings).toEqual([expect.stringMatching(/^brokerRole, brokerId: ignored in controller mode/)]);
  });

  it('controller keys are validated one line per bad key', () => {
    let error: unknown;
    try {
      loadConfig(brokerConfigSchema, {
        argv: ['--enableControllerMode=sometimes', '--controllerAddr=nohost', '--minInSyncReplicas=0'],
        env: {},
      });
    } catch (thrown) {
      error = thrown;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).issues.map((issue) => issue.key).sort()).toEqual([
      'controllerAddr',
      'enableControllerMode',
      'minInSyncReplicas',
    ]);
    const loaded = loadConfig(brokerConfigSchema, {
      argv: ['--enableControllerMode=true', '--controllerAddr=127.0.0.1:9878;127.0.0.1:9868', '--allAckInSyncStateSet=true'],
      env: {},
    }).config;
    expect(loaded).toMatchObject({
      enableControllerMode: true,
      controllerAddr: '127.0.0.1:9878;127.0.0.1:9868',
      allAckInSyncStateSet: true,
      haMaxTimeSlaveNotCatchup: 15_000,
      brokerElectionPriority: 2_147_483_647,
    });
  });

  it('puts the HA port at listenPort + 1 unless set, and refuses one that collides', () => {
    expect(haListenPortOf(config({}), 10911)).toBe(10912);
    expect(haListenPortOf(config({ haListenPort: 20000 }), 10911)).toBe(20000);
    expect(checkReplicationRole(config({ haListenPort: 10911 })).errors).toEqual([
      expect.stringMatching(/^haListenPort: 10911 is the remoting listenPort/),
    ]);
    expect(checkReplicationRole(config({ httpPort: 10912 })).errors).toEqual([
      expect.stringMatching(/^haListenPort: 10912 is also the httpPort/),
    ]);
  });
});
