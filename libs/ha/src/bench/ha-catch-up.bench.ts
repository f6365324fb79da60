/**
 * HA catch-up throughput: an empty slave joins a master holding N MiB of 1 KiB messages and
 * copies them over 127.0.0.1 (master store + HAServer and slave store + HAClient in this one
 * process, real files in os.tmpdir, removed afterwards). Three runs, each with a fresh slave;
 * prints MB/s per run and the median, for "bytes in the slave's commit log" and for "consume
 * queues and index rebuilt too". A benchmark, not a spec: nothing asserts.
 *
 *   SWC_NODE_PROJECT=tsconfig.base.json node -r @swc-node/register libs/ha/src/bench/ha-catch-up.bench.ts [MiB=256] [no-index]
 *
 * Every message carries a key, so by default the slave's index service has work per message (it
 * shares this one thread with both HA ends); `no-index` turns the slave's index off to show the
 * replication path alone.
 *
 * The master's segments are made larger than the data (1 GiB, or 2 GiB from 1 GiB of data up):
 * an empty slave starts at the master's last segment, and the point here is to copy it all.
 */
import { median, silentLogger } from '@rocketmq-ts/base';

import { HAServer } from '../master/ha-server';
import { HAClient } from '../slave/ha-client';
import { numberedMessage, openTestStore, type StoreUnderTest } from '../testing/ha-fixtures';

const MIB = 1024 * 1024;
const GIB = 1024 * MIB;
const BODY_BYTES = 1024;
const APPENDERS = 64;
const RUNS = 3;

interface RunResult {
  readonly bytes: number;
  readonly replicatedMs: number;
  readonly dispatchedMs: number;
}

async function fillMaster(master: StoreUnderTest, targetBytes: number): Promise<number> {
  let next = 0;
  const appender = async (): Promise<void> => {
    while (master.store.getMaxPhyOffset() < targetBytes) {
      const result = await master.store.putMessage(numberedMessage(next, BODY_BYTES, next % 8));
      next++;
      if (result.status !== 'PUT_OK') throw new Error(`put failed: ${result.status}`);
    }
  };
  await Promise.all(Array.from({ length: APPENDERS }, appender));
  return next;
}

function until(check: () => boolean, pollMs = 2): Promise<number> {
  return new Promise((resolve) => {
    const timer = setInterval(() => {
      if (!check()) return;
      clearInterval(timer);
      resolve(performance.now());
    }, pollMs);
  });
}

async function catchUp(master: StoreUnderTest, haAddress: string, segmentBytes: number, slaveIndex: boolean): Promise<RunResult> {
  const slave = await openTestStore('SLAVE', {
    mappedFileSizeCommitLog: segmentBytes,
    messageIndexEnable: slaveIndex,
    maxHashSlotNum: 5_000_000,
    maxIndexNum: 20_000_000,
  });
  const client = new HAClient({ store: slave.store, logger: silentLogger, masterAddress: haAddress });
  try {
    const target = master.store.getMaxPhyOffset();
    const started = performance.now();
    client.start();
    const replicated = await until(() => slave.store.getMaxPhyOffset() >= target);
    const dispatched = await until(() => slave.store.dispatchBehindBytes() === 0);
    return { bytes: target, replicatedMs: replicated - started, dispatchedMs: dispatched - started };
  } finally {
    await client.stop();
    await slave.store.shutdown();
    slave.dir.remove();
  }
}

const mbPerSecond = (bytes: number, ms: number): number => bytes / 1e6 / (ms / 1000);

async function main(): Promise<void> {
  const dataMiB = Number(process.argv[2] ?? 256);
  const slaveIndex = process.argv[3] !== 'no-index';
  const targetBytes = dataMiB * MIB;
  const segmentBytes = targetBytes + 64 * MIB < GIB ? GIB : 2 * GIB;
  console.log(
    `HA catch-up bench: ${dataMiB} MiB of ${BODY_BYTES}-byte messages, ${segmentBytes / GIB} GiB segments, slave index ${slaveIndex ? 'on' : 'off'}, ${RUNS} runs, node ${process.version}`,
  );
  const master = await openTestStore('ASYNC_MASTER', {
    mappedFileSizeCommitLog: segmentBytes,
    maxHashSlotNum: 5_000_000,
    maxIndexNum: 20_000_000,
  });
  const server = new HAServer({ store: master.store, logger: silentLogger });
  try {
    const fillStarted = performance.now();
    const messages = await fillMaster(master, targetBytes);
    // The master's own dispatcher must be done, or it competes with the first run.
    await until(() => master.store.dispatchBehindBytes() === 0, 10);
    console.log(
      `master filled: ${messages} messages, ${(master.store.getMaxPhyOffset() / MIB).toFixed(1)} MiB in ${((performance.now() - fillStarted) / 1000).toFixed(1)} s`,
    );
    const port = await server.listen(0, '127.0.0.1');
    const results: RunResult[] = [];
    for (let run = 1; run <= RUNS; run++) {
      const result = await catchUp(master, `127.0.0.1:${port}`, segmentBytes, slaveIndex);
      results.push(result);
      console.log(
        `run ${run}: ${(result.bytes / MIB).toFixed(1)} MiB replicated in ${result.replicatedMs.toFixed(0)} ms = ${mbPerSecond(result.bytes, result.replicatedMs).toFixed(1)} MB/s; ` +
          `with consume queues and index rebuilt ${result.dispatchedMs.toFixed(0)} ms = ${mbPerSecond(result.bytes, result.dispatchedMs).toFixed(1)} MB/s`,
      );
    }
    console.log(
      `median: ${median(results.map((r) => mbPerSecond(r.bytes, r.replicatedMs))).toFixed(1)} MB/s replicated, ` +
        `${median(results.map((r) => mbPerSecond(r.bytes, r.dispatchedMs))).toFixed(1)} MB/s dispatched`,
    );
  } finally {
    await server.close();
    await master.store.shutdown();
    master.dir.remove();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
