/**
 * Commit-log append throughput: 1 KiB messages from 64 concurrent appenders, under ASYNC_FLUSH
 * and SYNC_FLUSH (group commit), on real files in os.tmpdir (removed afterwards). Prints msgs/s,
 * MB/s and, for SYNC_FLUSH, messages per fdatasync. A benchmark, not a spec: nothing asserts.
 *
 *   SWC_NODE_PROJECT=tsconfig.base.json node -r @swc-node/register libs/store/src/bench/commit-log.bench.ts
 */
import { silentLogger } from '@rocketmq-ts/base';

import { CommitLog } from '../commit-log/commit-log';
import { MemoryQueueOffsetAssigner, createTempStore, testMessage } from '../testing/commit-log-fixtures';
import { type DatasyncFunction, fdatasyncPromise } from '../mapped-file/mapped-file';
import type { FlushDiskType } from '../store-config';

const APPENDERS = 64;
const BODY = Buffer.alloc(1024, 0x5a);
const SEGMENT_BYTES = 64 * 1024 * 1024;

interface BenchResult {
  readonly flushDiskType: FlushDiskType;
  readonly messages: number;
  readonly elapsedMs: number;
  readonly bytes: number;
  readonly fdatasyncs: number;
}

async function runBench(flushDiskType: FlushDiskType, messages: number): Promise<BenchResult> {
  const store = createTempStore({ flushDiskType, mappedFileSizeCommitLog: SEGMENT_BYTES, maxMessageSize: 4 * 1024 * 1024 });
  let fdatasyncs = 0;
  const datasync: DatasyncFunction = (fd) => {
    fdatasyncs++;
    return fdatasyncPromise(fd);
  };
  const commitLog = new CommitLog({ config: store.config, logger: silentLogger, datasync });
  try {
    await commitLog.load();
    commitLog.start();
    const assigner = new MemoryQueueOffsetAssigner();
    let issued = 0;
    let failed = 0;
    const appender = async (queueId: number): Promise<void> => {
      while (issued < messages) {
        issued++;
        const result = await commitLog.append(testMessage({ body: BODY, queueId: queueId % 8 }), assigner);
        if (result.status !== 'PUT_OK') failed++;
      }
    };
    const started = process.hrtime.bigint();
    await Promise.all(Array.from({ length: APPENDERS }, (_, index) => appender(index)));
    const elapsedMs = Number(process.hrtime.bigint() - started) / 1e6;
    if (failed > 0) console.warn(`${flushDiskType}: ${failed} puts were not PUT_OK`);
    return { flushDiskType, messages, elapsedMs, bytes: commitLog.maxOffset(), fdatasyncs };
  } finally {
    await commitLog.shutdown();
    store.remove();
  }
}

function report(result: BenchResult): string {
  const seconds = result.elapsedMs / 1000;
  const perSync =
    result.fdatasyncs > 0 ? `, ${(result.messages / result.fdatasyncs).toFixed(1)} msgs/fdatasync (${result.fdatasyncs} fdatasyncs)` : '';
  return (
    `${result.flushDiskType.padEnd(11)} ${String(result.messages).padStart(7)} msgs in ${result.elapsedMs.toFixed(0).padStart(6)} ms: ` +
    `${Math.round(result.messages / seconds)
      .toLocaleString('en-US')
      .padStart(8)} msgs/s, ${(result.bytes / seconds / 1e6).toFixed(1).padStart(6)} MB/s${perSync}`
  );
}

async function main(): Promise<void> {
  console.log(`commit-log append bench: 1 KiB bodies, ${APPENDERS} concurrent appenders, node ${process.version}`);
  await runBench('ASYNC_FLUSH', 5_000); // warm-up: JIT and file creation
  for (const [flushDiskType, messages] of [
    ['ASYNC_FLUSH', 100_000],
    ['SYNC_FLUSH', 30_000],
  ] as const) {
    console.log(report(await runBench(flushDiskType, messages)));
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
