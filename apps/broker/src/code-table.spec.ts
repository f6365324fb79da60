import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { Test } from '@nestjs/testing';
import { describe, expect, it } from 'vitest';

import { ManualClock, silentLogger } from '@rocketmq-ts/base';
import { RemotingServerService } from '@rocketmq-ts/nest-remoting';

import { brokerConfigSchema } from './config/broker-config.schema';
import { BrokerModule } from './broker.module';

// What the broker serves, code → processor → lane. A change here is a change of the wire surface
// and should be deliberate: update the snapshot in the same commit as the processor.
describe('Broker > code table', () => {
  it('serves exactly these request codes', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'broker-codes-'));
    const config = {
      ...brokerConfigSchema.defaults(),
      brokerIP1: '127.0.0.1',
      bindAddress: '127.0.0.1',
      listenPort: 0,
      namesrvAddr: '',
      storePathRootDir: dataDir,
    };
    const moduleRef = await Test.createTestingModule({
      imports: [BrokerModule.forRoot({ config, logger: silentLogger, clock: new ManualClock(), collectDefaultMetrics: false })],
    }).compile();
    try {
      await moduleRef.init();
      const rows = moduleRef.get(RemotingServerService).handlerTableRows();
      expect(rows.map((row) => `${row.code} ${row.handler} ${row.lane}`)).toMatchInlineSnapshot(`
        [
          "10 SendMessageProcessor send",
          "11 PullMessageProcessor pull",
          "12 QueryMessageProcessor query",
          "14 ConsumerManageProcessor consumer-manage",
          "15 ConsumerManageProcessor consumer-manage",
          "17 TopicAdminProcessor admin",
          "18 AdminQueryProcessor admin",
          "21 TopicAdminProcessor admin",
          "25 BrokerConfigProcessor admin",
          "26 BrokerConfigProcessor admin",
          "28 RuntimeInfoProcessor admin",
          "29 ConsumerManageProcessor consumer-manage",
          "30 ConsumerManageProcessor consumer-manage",
          "31 ConsumerManageProcessor consumer-manage",
          "32 ConsumerManageProcessor consumer-manage",
          "33 QueryMessageProcessor query",
          "34 ClientManageProcessor client",
          "35 ClientManageProcessor client",
          "36 SendBackProcessor send",
          "37 EndTransactionProcessor send",
          "38 ClientManageProcessor client",
          "41 LockBatchProcessor consumer-manage",
          "42 LockBatchProcessor consumer-manage",
          "43 MetadataSyncProcessor admin",
          "45 MetadataSyncProcessor admin",
          "46 CheckClientConfigProcessor client",
          "60 TimerCheckpointProcessor admin",
          "200 GroupAdminProcessor admin",
          "201 GroupAdminProcessor admin",
          "202 TopicStatsProcessor admin",
          "203 ClientConnectionProcessor admin",
          "204 ClientConnectionProcessor admin",
          "207 GroupAdminProcessor admin",
          "208 ConsumeStatsProcessor admin",
          "215 TopicAdminProcessor admin",
          "222 ResetOffsetProcessor admin",
          "300 AdminQueryProcessor admin",
          "303 AdminQueryProcessor admin",
          "305 AdminQueryProcessor admin",
          "306 AdminQueryProcessor admin",
          "307 ClientCallbackProcessor admin",
          "309 ClientCallbackProcessor admin",
          "310 SendMessageProcessor send",
          "314 AdminQueryProcessor admin",
          "315 BrokerStatsProcessor admin",
          "317 BrokerStatsProcessor admin",
          "320 SendMessageProcessor send",
          "343 AdminQueryProcessor admin",
          "351 AdminQueryProcessor admin",
          "361 PullMessageProcessor pull",
          "907 HaStatusProcessor admin",
          "1007 ControllerModeProcessor admin",
          "1008 ControllerModeProcessor admin",
          "200050 PopMessageProcessor pull",
          "200051 AckMessageProcessor consumer-manage",
          "200053 ChangeInvisibleTimeProcessor consumer-manage",
          "200151 AckMessageProcessor consumer-manage",
        ]
      `);
    } finally {
      await moduleRef.close();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
