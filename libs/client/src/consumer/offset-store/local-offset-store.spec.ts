import { readFileSync } from 'node:fs';

import { describe, expect, it } from 'vitest';

import { silentLogger } from '@rocketmq-ts/base';
import { ResetOffsetBody } from '@rocketmq-ts/protocol';
import { createTempDir } from '@rocketmq-ts/testing';

import { LocalOffsetStore } from './local-offset-store';

const QUEUE_0 = { topic: 'T', brokerName: 'b', queueId: 0 };
const QUEUE_1 = { topic: 'T', brokerName: 'b', queueId: 1 };

describe('Client > consumer > LocalOffsetStore', () => {
  it('writes Java’s OffsetSerializeWrapper layout per client and group, and reads it back', async () => {
    const dir = createTempDir('local-offsets');
    try {
      const options = { dir: dir.path, clientId: '10.0.0.1@one', consumerGroup: 'G', logger: silentLogger };
      const store = new LocalOffsetStore(options);
      await store.load();
      expect(await store.readStore(QUEUE_0)).toBeUndefined();
      store.update(QUEUE_0, 12, true);
      store.update(QUEUE_0, 7, true);
      store.update(QUEUE_1, 3, false);
      await store.persistAll();
      expect(store.path).toBe(`${dir.path}/10.0.0.1@one/G/offsets.json`);
      expect(readFileSync(store.path, 'utf8')).toBe(
        '{"offsetTable":{{"brokerName":"b","queueId":0,"topic":"T"}:12,{"brokerName":"b","queueId":1,"topic":"T"}:3}}',
      );
      // The same MessageQueue-keyed layout the broker's RESET body uses.
      expect(ResetOffsetBody.decode(readFileSync(store.path)).offsetTable).toEqual([
        [QUEUE_0, 12],
        [QUEUE_1, 3],
      ]);

      const reopened = new LocalOffsetStore(options);
      await reopened.load();
      expect([await reopened.readStore(QUEUE_0), reopened.readMemory(QUEUE_1)]).toEqual([12, 3]);
    } finally {
      dir.remove();
    }
  });
});
