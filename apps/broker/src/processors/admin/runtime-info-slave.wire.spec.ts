import { describe, expect, it } from 'vitest';

import { createRequest, KVTable, RequestCode } from '@rocketmq-ts/protocol';
import { TestRemotingConnection } from '@rocketmq-ts/testing';

import { startInProcessBroker } from '../../testing/in-process-broker';

// `mqadmin clusterList` prints ACTIVATED from brokerActive: RocketMQ's is true on a master only.
describe('Broker > wire > GET_BROKER_RUNTIME_INFO on a slave', () => {
  it('answers brokerActive false', async () => {
    const slave = await startInProcessBroker({ overrides: { brokerRole: 'SLAVE', brokerId: 1, haMasterAddress: '127.0.0.1:1' } });
    const client = await TestRemotingConnection.open(slave.remotingPort);
    try {
      const reply = await client.request(createRequest(RequestCode.GET_BROKER_RUNTIME_INFO, { language: 'JAVA' }));
      expect(KVTable.decode(reply.body ?? Buffer.alloc(0)).table.get('brokerActive')).toBe('false');
    } finally {
      await client.close();
      await slave.stop();
    }
  });
});
