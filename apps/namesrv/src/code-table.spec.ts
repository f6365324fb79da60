import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { Test } from '@nestjs/testing';
import { describe, expect, it } from 'vitest';

import { ManualClock, silentLogger } from '@rocketmq-ts/base';
import { RemotingServerService } from '@rocketmq-ts/nest-remoting';

import { namesrvConfigSchema } from './config/namesrv-config.schema';
import { NamesrvModule } from './namesrv.module';

// What the namesrv serves, code → processor → lane. A change here is a change of the wire surface
// and should be deliberate: update the snapshot in the same commit as the processor.
describe('Namesrv > code table', () => {
  it('serves exactly these request codes', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'namesrv-codes-'));
    const config = { ...namesrvConfigSchema.defaults(), bindAddress: '127.0.0.1', listenPort: 0, kvConfigPath: join(dataDir, 'kv.json') };
    const moduleRef = await Test.createTestingModule({
      imports: [NamesrvModule.forRoot({ config, logger: silentLogger, clock: new ManualClock() })],
    }).compile();
    try {
      await moduleRef.init();
      const rows = moduleRef.get(RemotingServerService).handlerTableRows();
      expect(rows.map((row) => `${row.code} ${row.handler} ${row.lane}`)).toMatchInlineSnapshot(`
        [
          "100 KvConfigProcessor admin",
          "101 KvConfigProcessor admin",
          "102 KvConfigProcessor admin",
          "103 BrokerRegistrationProcessor broker",
          "104 BrokerRegistrationProcessor broker",
          "105 RouteQueryProcessor route",
          "106 ClusterInfoProcessor admin",
          "205 ClusterInfoProcessor admin",
          "206 ClusterInfoProcessor admin",
          "216 ClusterInfoProcessor admin",
          "219 KvConfigProcessor admin",
          "224 ClusterInfoProcessor admin",
          "304 NamesrvAdminProcessor admin",
          "318 NamesrvAdminProcessor admin",
          "319 NamesrvAdminProcessor admin",
          "322 BrokerRegistrationProcessor broker",
          "327 ClusterInfoProcessor admin",
          "901 ClusterInfoProcessor admin",
          "904 BrokerRegistrationProcessor broker",
        ]
      `);
    } finally {
      await moduleRef.close();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
