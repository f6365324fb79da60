/**
 * Replication end to end on 127.0.0.1 with real files: a master store with its HAServer, a slave
 * store with its HAClient. The slave's commit log must be a byte copy of the master's over the
 * replicated range, and its own dispatcher must rebuild consume queues and index from it.
 */
import { silentLogger } from '@rocketmq-ts/base';
import { afterEach, describe, expect, it } from 'vitest';

import { HAServer } from './master/ha-server';
import { commitLogBytes, putMessages, queueMessageNumbers, TEST_SEGMENT_BYTES } from './testing/ha-fixtures';
import { HAPair } from './testing/ha-pair';

let pair: HAPair | undefined;

afterEach(async () => {
  await pair?.close();
  pair = undefined;
});

describe('HA > replication', () => {
  it('copies every byte the master appends, across segments, and the slave serves the same messages', async () => {
    pair = await HAPair.start();
    const client = await pair.startSlave();
    await putMessages(pair.masterStore, 0, 150);
    await pair.caughtUp();
    await putMessages(pair.masterStore, 150, 400);
    await pair.caughtUp();

    const end = pair.masterStore.getMaxPhyOffset();
    expect(end).toBeGreaterThan(3 * TEST_SEGMENT_BYTES);
    expect(pair.slaveStore.getMinPhyOffset()).toBe(0);
    expect(commitLogBytes(pair.slave.config, 0, end).equals(commitLogBytes(pair.master.config, 0, end))).toBe(true);
    for (let queueId = 0; queueId < 4; queueId++) {
      const expected = Array.from({ length: 100 }, (_, i) => i * 4 + queueId);
      expect(await queueMessageNumbers(pair.slaveStore, queueId)).toEqual(expected);
    }
    const byKey = await pair.slaveStore.queryMessage({
      topic: 'TopicHA',
      key: 'key-321',
      maxNum: 4,
      beginTimestampMs: 0,
      endTimestampMs: Number.MAX_SAFE_INTEGER,
    });
    expect(byKey.messages).toHaveLength(1);

    const [slave] = pair.server.stats().slaves;
    expect(slave).toMatchObject({ slaveRequestOffset: 0, slaveAckOffset: end, bytesBehind: 0, nextTransferOffset: end });
    expect(pair.server.getPush2SlaveMaxOffset()).toBe(end);
    expect(client.stats()).toMatchObject({
      connected: true,
      reportedOffset: end,
      bytesReceived: end,
      masterOffset: end,
      localMaxOffset: end,
      connects: 1,
    });
    // The last ack covered everything the master had: that is when the slave last caught up.
    expect(slave?.lastCaughtUpMs).toBe(slave?.lastAckMs);
  });

  it('starts an empty slave at the start of the master last segment', async () => {
    pair = await HAPair.start();
    await putMessages(pair.masterStore, 0, 300);
    const masterEnd = pair.masterStore.getMaxPhyOffset();
    const lastSegmentStart = masterEnd - (masterEnd % TEST_SEGMENT_BYTES);
    expect(lastSegmentStart).toBeGreaterThanOrEqual(2 * TEST_SEGMENT_BYTES);

    await pair.startSlave();
    await pair.caughtUp();
    await putMessages(pair.masterStore, 300, 350);
    await pair.caughtUp();

    const end = pair.masterStore.getMaxPhyOffset();
    expect(pair.slaveStore.getMinPhyOffset()).toBe(lastSegmentStart);
    expect(commitLogBytes(pair.slave.config, lastSegmentStart, end).equals(commitLogBytes(pair.master.config, lastSegmentStart, end))).toBe(
      true,
    );
    expect(pair.server.stats().slaves[0]).toMatchObject({ slaveRequestOffset: 0, slaveAckOffset: end });
    // The slave's queues begin where its log does and then match the master's entry for entry.
    for (let queueId = 0; queueId < 4; queueId++) {
      const from = pair.slaveStore.getMinOffsetInQueue('TopicHA', queueId);
      expect(from).toBeGreaterThan(0);
      const onSlave = await queueMessageNumbers(pair.slaveStore, queueId, from);
      expect(onSlave).toEqual(await queueMessageNumbers(pair.masterStore, queueId, from));
      expect(onSlave.at(-1)).toBe(349 - ((349 - queueId) % 4));
    }
  });

  it('redials when the master HA server goes away and resumes where the slave stopped', async () => {
    const current = (pair = await HAPair.start({ config: { haReconnectMinDelayMs: 20, haReconnectMaxDelayMs: 200 } }));
    const client = await current.startSlave();
    await putMessages(current.masterStore, 0, 100);
    await current.caughtUp();
    const port = Number(current.haAddress.split(':')[1]);
    await current.server.close();

    await putMessages(current.masterStore, 100, 200);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(client.isConnected()).toBe(false);
    const restarted = new HAServer({ store: current.masterStore, logger: silentLogger });
    await restarted.listen(port, '127.0.0.1');
    try {
      await current.caughtUp();
      const end = current.masterStore.getMaxPhyOffset();
      expect(restarted.stats().slaves[0]?.slaveRequestOffset).toBeGreaterThan(0);
      expect(commitLogBytes(current.slave.config, 0, end).equals(commitLogBytes(current.master.config, 0, end))).toBe(true);
      expect(client.stats().connects).toBe(2);
    } finally {
      await client.stop();
      await restarted.close();
    }
  });
});
