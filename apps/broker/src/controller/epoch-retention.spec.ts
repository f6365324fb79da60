/**
 * The epoch file follows commit-log retention (docs/controller-mode-broker.md#epoch-file): when the
 * store's retention deletes old segments, a controller-mode broker drops the epochs whose whole range
 * was deleted, on disk too, and keeps the rest. Real store, real segment files, the store's own
 * retention timer (file times moved back past fileReservedTime, deleteWhen at the clock's hour).
 */
import { mkdtempSync, readFileSync, rmSync, utimesSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { ManualClock, silentLogger } from '@rocketmq-ts/base';
import { encodeMessageProperties } from '@rocketmq-ts/model';
import { RemotingClient } from '@rocketmq-ts/remoting';
import { decodeEpochFile, DefaultMessageStore, defaultStoreConfig, type MessageToStore } from '@rocketmq-ts/store';
import { waitFor } from '@rocketmq-ts/testing';
import { afterEach, describe, expect, it } from 'vitest';

import { brokerConfigSchema } from '../config/broker-config.schema';
import { ControllerReplication } from './controller-replication';

const SEGMENT_BYTES = 16 * 1024;
const HOUR_MS = 3_600_000;
const HOST = { ip: Uint8Array.of(127, 0, 0, 1), port: 10911 };

function message(index: number): MessageToStore {
  return {
    topic: 'TopicEpochs',
    queueId: 0,
    flag: 0,
    body: Buffer.alloc(1000, 0x61),
    properties: encodeMessageProperties({ KEYS: `k${index}` }),
    sysFlag: 0,
    bornTimestamp: 1_700_000_000_000,
    bornHost: HOST,
    storeHost: HOST,
    reconsumeTimes: 0,
    preparedTransactionOffset: 0,
    tagsCode: 0,
    keys: `k${index}`,
    uniqKey: undefined,
    waitStoreMsgOK: true,
  };
}

describe('controller mode: epoch file and retention', () => {
  const cleanups: Array<() => Promise<void> | void> = [];
  afterEach(async () => {
    for (const cleanup of cleanups.reverse()) await cleanup();
    cleanups.length = 0;
  });

  it('drops the epochs whose range retention deleted and keeps the rest', async () => {
    const root = mkdtempSync(join(tmpdir(), 'epoch-retention-'));
    cleanups.push(() => rmSync(root, { recursive: true, force: true }));
    const clock = new ManualClock();
    const hour = String(new Date(clock.nowMs()).getHours()).padStart(2, '0');
    const store = await DefaultMessageStore.open(
      defaultStoreConfig(root, {
        mappedFileSizeCommitLog: SEGMENT_BYTES,
        mappedFileSizeConsumeQueue: 1000 * 20,
        maxMessageSize: 4096,
        deleteWhen: hour,
        cleanResourceIntervalMs: 20,
      }),
      { clock, logger: silentLogger },
    );
    cleanups.push(() => store.shutdown());
    const config = { ...brokerConfigSchema.defaults(), enableControllerMode: true, controllerAddr: '127.0.0.1:1', storePathRootDir: root };
    const client = new RemotingClient();
    cleanups.push(() => client.close());
    const replication = new ControllerReplication({ config, store, client, logger: silentLogger });

    let index = 0;
    const fillTo = async (offset: number): Promise<void> => {
      while (store.getMaxPhyOffset() < offset) expect((await store.putMessage(message(index++))).status).toBe('PUT_OK');
    };
    // Epoch 1 ends inside segment 0, epoch 2 runs into segment 2, epoch 3 is the newest.
    replication.epochs.append({ epoch: 1, startOffset: 0 });
    await fillTo(SEGMENT_BYTES / 2);
    replication.epochs.append({ epoch: 2, startOffset: store.getMaxPhyOffset() });
    await fillTo(2 * SEGMENT_BYTES + 1);
    const epoch3Start = store.getMaxPhyOffset();
    replication.epochs.append({ epoch: 3, startOffset: epoch3Start });
    await fillTo(3 * SEGMENT_BYTES + 1);
    const epoch2 = replication.epochs.list()[1];

    // Segments 0 and 1 expire.
    const oldSeconds = (clock.nowMs() - 73 * HOUR_MS) / 1000;
    for (const name of ['00000000000000000000', String(SEGMENT_BYTES).padStart(20, '0')])
      utimesSync(join(root, 'commitlog', name), oldSeconds, oldSeconds);
    await waitFor(() => store.getMinPhyOffset() === 2 * SEGMENT_BYTES, {
      timeoutMs: 10_000,
      intervalMs: 10,
      reason: 'retention deleted the first two segments',
    });
    await waitFor(() => replication.epochs.list().length === 2, { timeoutMs: 5_000, intervalMs: 10, reason: 'the epoch file trimmed' });

    const expected = [epoch2, { epoch: 3, startOffset: epoch3Start }];
    expect(replication.epochs.list()).toEqual(expected);
    const onDisk = decodeEpochFile(readFileSync(join(root, 'epochFileCheckpoint'), 'utf8'));
    expect(onDisk).toEqual({ kind: 'ok', entries: expected });
  });
});
