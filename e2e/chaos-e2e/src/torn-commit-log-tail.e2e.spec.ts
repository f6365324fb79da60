import { describe, expect, it } from 'vitest';

import { RemotingClient } from '@rocketmq-ts/remoting';

import { scanCommitLog, tearCommitLogTail } from './support/commit-log-tear';
import { sendUntilKilled } from './support/kill-rounds';
import { SendLedger } from './support/ledger';
import { startBroker, startNamesrv, tempDir, useProcessHygiene } from './support/processes';
import { createTopic, readTopic, sendMessage } from './support/wire-driver';

// A torn last record in the commit log (docs/store-and-ha.md#recovery: the first invalid record ends the valid
// data; the log is truncated there). The broker is SIGKILLed mid-send, then the test writes the
// head of a real record right after the last valid one, as a crash in the middle of an append
// would leave it. 4 MiB segments so the tear usually lands in a later segment than the first.
const TOPIC = 'ChaosTornTail';
const QUEUES = 4;
const AFTER_TEAR = 200;

describe('chaos > torn commit-log tail', () => {
  useProcessHygiene();

  it('torn last record after SIGKILL: truncated and logged at start, every earlier record readable, new sends work', async () => {
    const namesrv = await startNamesrv();
    const storeDir = tempDir('chaos-torn-store').path;
    const settings = { flushDiskType: 'SYNC_FLUSH', mapedFileSizeCommitLog: String(4 * 1024 * 1024) };
    const first = await startBroker(namesrv, storeDir, 0, settings);
    const admin = new RemotingClient();
    try {
      await createTopic(admin, first.address, TOPIC, QUEUES);
    } finally {
      await admin.close();
    }
    const ledger = new SendLedger();
    await sendUntilKilled(first, { topic: TOPIC, queues: QUEUES, senders: 8, round: 1, killAfterMs: 2_500 }, ledger);

    const scan = scanCommitLog(storeDir);
    tearCommitLogTail(scan);

    const second = await startBroker(namesrv, storeDir, 1, settings);
    const truncation = await second.process.waitForOutput(/invalid record at offset (\d+).*truncating/, {
      timeoutMs: 5_000,
      reason: 'the truncation line of recovery',
    });
    expect(Number(truncation[1])).toBe(scan.endOffset);

    const recovered = await readTopic(second.address, TOPIC, QUEUES);
    // Exactly the records before the tear, each once, and no acked one missing.
    expect(new Set(recovered.ids)).toEqual(new Set(scan.ids));
    expect(recovered.ids).toHaveLength(scan.ids.length);
    expect(ledger.tally(recovered.ids).total.lost).toBe(0);

    const client = new RemotingClient();
    const newIds: number[] = [];
    try {
      for (let index = 0; index < AFTER_TEAR; index += 1) {
        const id = ledger.begin(2);
        const response = await sendMessage(client, second.address, TOPIC, id % QUEUES, id);
        expect(response.code).toBe(0);
        newIds.push(id);
      }
    } finally {
      await client.close();
    }
    const after = await readTopic(second.address, TOPIC, QUEUES);
    expect(after.ids).toHaveLength(scan.ids.length + AFTER_TEAR);
    expect(new Set(after.ids)).toEqual(new Set([...scan.ids, ...newIds]));
    console.log(
      `[torn tail] tear at commit-log offset ${scan.endOffset} (${scan.segmentFile.slice(-20)} + ${scan.positionInSegment}); ` +
        `${scan.ids.length} records before it, all readable; ${AFTER_TEAR} new sends stored after it`,
    );
  });
});
