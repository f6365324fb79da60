// Property: for every sequence of single and batch appends (random queues and body sizes, 16 KiB
// segments so rolling and BLANK markers happen often), then shutdown, reopen and recovery
// (normal or abnormal), gives back exactly the appended records in order, with their offsets.
import { silentLogger } from '@rocketmq-ts/base';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import { CommitLog } from '../commit-log/commit-log';
import { MemoryQueueOffsetAssigner, createTempStore, readAllRecords, testMessage } from '../testing/commit-log-fixtures';

interface AppendOp {
  readonly queueId: number;
  readonly bodies: readonly number[];
  readonly batch: boolean;
}

const appendOp: fc.Arbitrary<AppendOp> = fc.record({
  queueId: fc.integer({ min: 0, max: 3 }),
  bodies: fc.array(fc.integer({ min: 0, max: 3000 }), { minLength: 1, maxLength: 4 }),
  batch: fc.boolean(),
});

interface Expected {
  readonly queueId: number;
  readonly queueOffset: number;
  readonly body: string;
  readonly physicalOffset: number;
}

describe('Store > CommitLog > reopen (property)', () => {
  it('returns exactly the appended records after reopen and recovery', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(appendOp, { minLength: 1, maxLength: 40 }), fc.boolean(), async (ops, lastExitOK) => {
        const store = createTempStore({ mappedFileSizeCommitLog: 16 * 1024, maxMessageSize: 4096 });
        try {
          const expected = await appendAll(new CommitLog({ config: store.config, logger: silentLogger }), ops);
          const reopened = new CommitLog({ config: store.config, logger: silentLogger });
          expect((await reopened.load()).ok).toBe(true);
          const recovery = await reopened.recover({ lastExitOK, checkpoint: { minTimestampMs: () => 0 }, maxPhyOffsetInConsumeQueues: 0 });
          const records = await readAllRecords(reopened);
          await reopened.shutdown();
          expect(recovery.truncation).toBeUndefined();
          expect(
            records.map((record) => ({
              queueId: record.queueId,
              queueOffset: record.queueOffset,
              body: record.body.toString('hex'),
              physicalOffset: record.physicalOffset,
            })),
          ).toEqual(expected);
        } finally {
          store.remove();
        }
      }),
      { numRuns: 15, seed: 20261121 },
    );
  });
});

async function appendAll(commitLog: CommitLog, ops: readonly AppendOp[]): Promise<Expected[]> {
  await commitLog.load();
  const assigner = new MemoryQueueOffsetAssigner();
  const expected: Expected[] = [];
  let fill = 0;
  for (const op of ops) {
    const bodies = op.bodies.map((size) => Buffer.alloc(size, fill++ % 256));
    const messages = op.batch ? [bodies] : bodies.map((body) => [body]);
    for (const group of messages) {
      const base = testMessage({ queueId: op.queueId });
      const result =
        group.length === 1 && !op.batch
          ? await commitLog.append({ ...base, body: group[0] as Buffer }, assigner)
          : await commitLog.appendBatch(
              {
                ...base,
                messages: group.map((body) => ({ flag: 0, body, properties: '', tagsCode: 0, keys: undefined, uniqKey: undefined })),
              },
              assigner,
            );
      const appended = result.appendResult;
      if (result.status !== 'PUT_OK' || !appended) throw new Error(`append failed: ${result.status} ${result.remark ?? ''}`);
      let physicalOffset = appended.wroteOffset;
      group.forEach((body, index) => {
        expected.push({ queueId: op.queueId, queueOffset: appended.logicsOffset + index, body: body.toString('hex'), physicalOffset });
        physicalOffset += 91 + base.topic.length + (op.batch ? 0 : Buffer.byteLength(base.properties)) + body.length;
      });
    }
  }
  await commitLog.shutdown();
  return expected;
}
