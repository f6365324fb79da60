/**
 * Opening the store: load and recovery in RocketMQ's order (docs/store-and-ha.md#recovery), so that when
 * `openStoreParts` returns, consume queues and index match the commit log exactly and the
 * topic-queue table continues every queue where it ends.
 *
 *  1. lock: one process per store root; read "last exit clean?" (abort file), then create it.
 *  2. load: commit-log segments, consume queues (each recovered to its last written entry),
 *     checkpoint, index files (the newest is dropped after an unclean exit).
 *  3. recover the commit log: normal from the consume queues' max offset, abnormal from the
 *     checkpoint; the log ends at the first invalid record.
 *  4. truncate consume-queue entries at or past that end; fix min offsets to the log's start.
 *  5. re-dispatch from the lowest point anything derived may be missing (consume queues, or the
 *     dropped index file) to the end; replays are skipped by both.
 *  6. rebuild the topic-queue table from the consume queues.
 */
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import type { Clock, Logger, Timers } from '@rocketmq-ts/base';

import { createAbortFile, lastExitWasClean } from './checkpoint/abort-file';
import { StoreCheckpoint } from './checkpoint/store-checkpoint';
import { CommitLog } from './commit-log/commit-log';
import { ConsumeQueueStore } from './consume-queue/consume-queue-store';
import type { DeliverTimestampOf, MutableDispatchRequest } from './dispatch/dispatch-record-reader';
import { ReputMessageService } from './dispatch/reput-message-service';
import { createStoreDispatcher } from './dispatch/store-dispatcher';
import { IndexService } from './index-file/index-service';
import type { MessageArrivingListener } from './message-store';
import type { StoreConfig } from './store-config';

/** How often the dispatcher looks for work without an append (a moved SYNC_FLUSH horizon). */
const DISPATCH_TICK_MS = 100;

export interface StoreDeps {
  readonly clock: Clock;
  /** The store's timers (flush ticks, dispatch tick, retention, housekeeping); real ones by default. */
  readonly timers?: Timers;
  readonly logger: Logger;
  /**
   * The broker's delay-level table: with it, SCHEDULE_TOPIC_XXXX entries hold delivery times as
   * tags codes, as RocketMQ's do; without it they hold the TAGS hash like any other topic.
   */
  readonly deliverTimestampOf?: DeliverTimestampOf;
}

/** Everything a running store is made of; owned by DefaultMessageStore once open. */
export interface StoreParts {
  readonly config: StoreConfig;
  readonly deps: StoreDeps;
  readonly commitLog: CommitLog;
  readonly checkpoint: StoreCheckpoint;
  readonly consumeQueues: ConsumeQueueStore;
  readonly index: IndexService | undefined;
  readonly reput: ReputMessageService;
  readonly listeners: MessageArrivingListener[];
  /** Store time of the newest record dispatched: becomes checkpoint.logicsMsgTimestamp. */
  readonly lastDispatched: { storeTimestampMs: number };
  readonly lastExitOk: boolean;
  /** Starts as config.brokerRole; DefaultMessageStore.setRole moves it (controller mode). */
  readonly role: { current: StoreConfig['brokerRole'] };
  readonly releaseLock: () => void;
}

export async function openStoreParts(config: StoreConfig, deps: StoreDeps): Promise<StoreParts> {
  const logger = deps.logger.child({ component: 'DefaultMessageStore' });
  mkdirSync(config.storePathRootDir, { recursive: true });
  const releaseLock = lockStoreRoot(config.storePathRootDir);
  const lastExitOk = lastExitWasClean(config.abortFile);
  createAbortFile(config.abortFile);

  const checkpoint = StoreCheckpoint.open(config.storeCheckpoint);
  const commitLog = new CommitLog({ config, logger: deps.logger, clock: deps.clock, timers: deps.timers, checkpoint });
  const loaded = await commitLog.load();
  if (!loaded.ok) {
    releaseLock();
    throw new Error(`commit log failed to load: ${loaded.reason}`);
  }
  const consumeQueues = new ConsumeQueueStore(config.storePathConsumeQueue, config.mappedFileSizeConsumeQueue, logger);
  consumeQueues.loadAndRecover();
  const index = config.messageIndexEnable
    ? new IndexService(config.storePathIndex, { hashSlotNum: config.maxHashSlotNum, indexNum: config.maxIndexNum }, deps.clock, logger)
    : undefined;
  const indexRebuildFrom = index?.load(lastExitOk);

  const recovery = await commitLog.recover({
    lastExitOK: lastExitOk,
    checkpoint,
    maxPhyOffsetInConsumeQueues: consumeQueues.maxPhysicOffsetEnd(),
  });
  consumeQueues.truncateDirty(recovery.endOffset);
  consumeQueues.correctMinOffsets(commitLog.minOffset());

  const listeners: MessageArrivingListener[] = [];
  const lastDispatched = { storeTimestampMs: checkpoint.logicsMsgTimestamp };
  const dispatchToStore = createStoreDispatcher({ consumeQueues, index, listeners });
  // A slave's commit log holds no store time of its own (its bytes are copies), so as RocketMQ
  // does, physicMsgTimestamp follows the dispatcher there; abnormal recovery starts from it.
  const role = { current: config.brokerRole };
  const dispatch = (request: MutableDispatchRequest): void => {
    dispatchToStore(request);
    lastDispatched.storeTimestampMs = request.storeTimestamp;
    if (role.current === 'SLAVE') checkpoint.physicMsgTimestamp = request.storeTimestamp;
  };
  const reput = new ReputMessageService({
    reader: commitLog,
    dispatch,
    tickMs: DISPATCH_TICK_MS,
    logger,
    deliverTimestampOf: deps.deliverTimestampOf,
    timers: deps.timers,
  });
  const dispatchFrom = Math.max(
    commitLog.minOffset(),
    Math.min(recovery.dispatchFrom, consumeQueues.maxPhysicOffsetEnd(), indexRebuildFrom ?? Number.POSITIVE_INFINITY),
  );
  reput.setReputFromOffset(dispatchFrom);
  await reput.drain();
  consumeQueues.rebuildQueueOffsetTable();
  logger.info(
    { lastExitOk, commitLogEnd: recovery.endOffset, dispatchedFrom: dispatchFrom, queues: consumeQueues.all().length },
    'message store opened',
  );

  return {
    config,
    deps: { ...deps, logger },
    commitLog,
    checkpoint,
    consumeQueues,
    index,
    reput,
    listeners,
    lastDispatched,
    lastExitOk,
    role,
    releaseLock,
  };
}

/**
 * A `lock` file holding the owner's PID. Node has no flock, so a lock whose PID is alive in
 * another process refuses the open; a stale one (its process is gone) is taken over. Opening
 * the same root twice in one process is not detected.
 */
function lockStoreRoot(rootDir: string): () => void {
  const lockPath = join(rootDir, 'lock');
  if (existsSync(lockPath)) {
    const owner = Number(readFileSync(lockPath, 'utf8').trim());
    if (Number.isInteger(owner) && owner > 0 && owner !== process.pid && processIsAlive(owner)) {
      throw new Error(`store ${rootDir} is locked by running process ${owner}`);
    }
  }
  writeFileSync(lockPath, `${process.pid}\n`);
  return () => rmSync(lockPath, { force: true });
}

function processIsAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
