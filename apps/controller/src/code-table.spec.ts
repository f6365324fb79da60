import { Test } from '@nestjs/testing';
import { describe, expect, it } from 'vitest';

import { RemotingServerService } from '@rocketmq-ts/nest-remoting';
import { RecordingLogger } from '@rocketmq-ts/base';
import { freePort, suiteTempDir } from '@rocketmq-ts/testing';

import { resolveTopology } from './config/controller-topology';
import { ControllerModule } from './controller.module';
import { controllerConfig } from './testing/in-process-controller';

// What the controller serves, code → processor → lane. A change here is a change of the wire
// surface and should be deliberate: update the snapshot in the same commit as the processor.
describe('Controller > code table', () => {
  it('serves exactly these request codes', async () => {
    const dir = suiteTempDir('controller-codes');
    const config = controllerConfig({
      controllerDLegerGroup: 'group1',
      controllerDLegerPeers: `n0-127.0.0.1:${await freePort()}`,
      controllerDLegerSelfId: 'n0',
      controllerStorePath: dir.join('store'),
      configStorePath: dir.join('controller.properties'),
      bindAddress: '127.0.0.1',
    });
    const topology = resolveTopology(config);
    if (!topology.ok) throw new Error(topology.errors.join('; '));
    const moduleRef = await Test.createTestingModule({
      imports: [ControllerModule.forRoot({ config, topology: topology.topology, logger: new RecordingLogger() })],
    }).compile();
    try {
      await moduleRef.init();
      const rows = moduleRef.get(RemotingServerService).handlerTableRows();
      expect(rows.map((row) => `${row.code} ${row.handler} ${row.lane}`)).toMatchInlineSnapshot(`
        [
          "904 BrokerHeartbeatProcessor heartbeat",
          "1001 ControllerRequestProcessor broker",
          "1002 ControllerRequestProcessor broker",
          "1003 ControllerRequestProcessor broker",
          "1004 ControllerRequestProcessor broker",
          "1005 ControllerAdminProcessor admin",
          "1006 ControllerRequestProcessor broker",
          "1009 ControllerAdminProcessor admin",
          "1010 ControllerAdminProcessor admin",
          "1011 ControllerRequestProcessor broker",
          "1012 ControllerRequestProcessor broker",
          "1013 ControllerRequestProcessor broker",
        ]
      `);
    } finally {
      await moduleRef.close();
    }
  });
});
