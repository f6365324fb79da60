import type { MessageStore } from '@rocketmq-ts/store';

import { type MessagePut, MessagePutService, type PutReplication } from '../message-put-service';

/** An ASYNC_MASTER without slaves: nothing to wait for, nothing to refuse for replication. */
export const NO_REPLICATION: PutReplication = {
  isSlave: false,
  waitsForSlaves: false,
  slaveAvailable: () => false,
  afterPut: (result) => Promise.resolve(result),
};

/** The real put pipeline over `store`, as a lone ASYNC_MASTER runs it: for specs of the services that put. */
export function standalonePut(store: Pick<MessageStore, 'putMessage' | 'putMessages'>, maxMessageSize = 4 * 1024 * 1024): MessagePut {
  return new MessagePutService({
    store,
    replication: NO_REPLICATION,
    config: { maxMessageSize },
    stats: { messages: 0, bytes: 0, maxLatencyMs: 0 },
  });
}
