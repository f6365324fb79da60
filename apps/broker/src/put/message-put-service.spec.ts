import { describe, expect, it } from 'vitest';

import { ManualClock } from '@rocketmq-ts/base';
import type { PutMessageResult } from '@rocketmq-ts/store';

import { InMemoryMessageStore } from '../testing/in-memory-message-store';
import { fixtureMessage } from '../testing/message-fixtures';
import { MessagePutService, type PutOrigin, type PutReplication } from './message-put-service';

/** A SYNC_MASTER whose slave is there or not; afterPut says what a slave's ack would. */
function syncMaster(slave: 'acks' | 'gone'): PutReplication & { waited: boolean[] } {
  const waited: boolean[] = [];
  return {
    waited,
    isSlave: false,
    waitsForSlaves: true,
    slaveAvailable: () => slave === 'acks',
    afterPut: (result: PutMessageResult, wait: boolean) => {
      waited.push(wait);
      return Promise.resolve(slave === 'acks' || !wait ? result : { ...result, status: 'SLAVE_NOT_AVAILABLE', remark: undefined });
    },
  };
}

const CONFIG = { maxMessageSize: 1024 };
const message = (waitStoreMsgOK = true) => ({ ...fixtureMessage({ topic: 'T', queueId: 0, body: 'hello' }), waitStoreMsgOK });

describe('Broker > put pipeline', () => {
  it('stores a client send on a SYNC_MASTER without a slave and says so, as Java does', async () => {
    const store = new InMemoryMessageStore(new ManualClock());
    const replication = syncMaster('gone');
    const result = await new MessagePutService({
      store,
      replication,
      config: CONFIG,
      stats: { messages: 0, bytes: 0, maxLatencyMs: 0 },
    }).put(message(), 'client');
    expect([result.status, result.appendResult !== undefined, store.getMaxOffsetInQueue('T', 0)]).toEqual(['SLAVE_NOT_AVAILABLE', true, 1]);
  });

  it.each<PutOrigin>(['send-back', 'schedule', 'transaction'])(
    'refuses a %s put before appending when no slave can hold it',
    async (origin) => {
      const store = new InMemoryMessageStore(new ManualClock());
      const result = await new MessagePutService({
        store,
        replication: syncMaster('gone'),
        config: CONFIG,
        stats: { messages: 0, bytes: 0, maxLatencyMs: 0 },
      }).put(message(), origin);
      expect([result.status, result.appendResult, store.getMaxOffsetInQueue('T', 0)]).toEqual(['SLAVE_NOT_AVAILABLE', undefined, 0]);
    },
  );

  it('waits for the slave on the broker’s own puts even when the message says WAIT=false', async () => {
    const store = new InMemoryMessageStore(new ManualClock());
    const replication = syncMaster('acks');
    const stats = { messages: 0, bytes: 0, maxLatencyMs: 0 };
    const put = new MessagePutService({ store, replication, config: CONFIG, stats });
    await put.put(message(false), 'send-back');
    await put.put(message(false), 'client');
    expect(replication.waited).toEqual([true, false]);
    expect(stats).toMatchObject({ messages: 2, bytes: 10 });
  });

  it('refuses on a slave and over maxMessageSize, storing nothing', async () => {
    const store = new InMemoryMessageStore(new ManualClock());
    const slave = { ...syncMaster('acks'), isSlave: true, waitsForSlaves: false };
    const refusedBySlave = await new MessagePutService({
      store,
      replication: slave,
      config: CONFIG,
      stats: { messages: 0, bytes: 0, maxLatencyMs: 0 },
    }).put(message(), 'client');
    const tooLarge = await new MessagePutService({
      store,
      replication: syncMaster('acks'),
      config: { maxMessageSize: 4 },
      stats: { messages: 0, bytes: 0, maxLatencyMs: 0 },
    }).put(message(), 'schedule');
    expect([refusedBySlave.status, tooLarge.status, tooLarge.remark]).toEqual([
      'SERVICE_NOT_AVAILABLE',
      'MESSAGE_ILLEGAL',
      'the message body size 5 is over the max value 4',
    ]);
    expect(store.getMaxOffsetInQueue('T', 0)).toBe(0);
  });
});
