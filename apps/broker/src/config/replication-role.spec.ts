import { describe, expect, it } from 'vitest';

import { type BrokerConfig, brokerConfigSchema } from './broker-config.schema';
import { checkReplicationRole, haListenPortOf } from './replication-role';

describe('Broker > config > replication role', () => {
  const config = (overrides: Partial<BrokerConfig>): BrokerConfig => ({ ...brokerConfigSchema.defaults(), listenPort: 10911, httpPort: 10880, ...overrides });

  it('refuses a slave with brokerId 0', () => {
    expect(checkReplicationRole(config({ brokerRole: 'SLAVE', brokerId: 0 })).errors).toEqual([expect.stringMatching(/^brokerId: a SLAVE needs brokerId > 0/)]);
    expect(checkReplicationRole(config({ brokerRole: 'SLAVE', brokerId: 1 })).errors).toEqual([]);
  });

  it('runs a master as brokerId 0 whatever was configured, with a warning', () => {
    const checked = checkReplicationRole(config({ brokerRole: 'SYNC_MASTER', brokerId: 3 }));
    expect(checked.errors).toEqual([]);
    expect(checked.config.brokerId).toBe(0);
    expect(checked.warnings).toEqual([expect.stringMatching(/^brokerId: a SYNC_MASTER registers as brokerId 0/)]);
  });

  it('puts the HA port at listenPort + 1 unless set, and refuses one that collides', () => {
    expect(haListenPortOf(config({}), 10911)).toBe(10912);
    expect(haListenPortOf(config({ haListenPort: 20000 }), 10911)).toBe(20000);
    expect(checkReplicationRole(config({ haListenPort: 10911 })).errors).toEqual([expect.stringMatching(/^haListenPort: 10911 is the remoting listenPort/)]);
    expect(checkReplicationRole(config({ httpPort: 10912 })).errors).toEqual([expect.stringMatching(/^haListenPort: 10912 is also the httpPort/)]);
  });
});
