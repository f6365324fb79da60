/**
 * Commit-log retention and the disk-full guard (docs/store-and-ha.md#metadata-files, CleanCommitLogService).
 *
 * Each run measures disk use, then:
 * - above `diskSpaceWarningLevelRatio` (clamped to 35–90 %) the commit log is marked not writable:
 *   puts get SERVICE_NOT_AVAILABLE with `disk full: used N% > warning level M%`; the mark is
 *   lifted by the first run below the level. Stored data is not touched by the guard itself.
 * - deletion runs when the hour is in `deleteWhen`, when use is above `diskMaxUsedSpaceRatio`, or
 *   on a manual request. It deletes a prefix of segments whose last modification is older than
 *   `fileReservedTimeHours`, oldest first, at most `deleteFileBatchMax` per run.
 * - above `diskSpaceCleanForciblyRatio` (clamped to 30–85 %) or the warning level, the prefix is
 *   deleted even if not expired.
 * The active (last) segment is never deleted. The caller gets the deleted start offsets so it
 * can drop consume-queue and index files that only point below the new minimum.
 */
import { stat } from 'node:fs/promises';

import { type Clock, type Logger, rethrowInvariantViolation, systemClock, type TimerHandle, type Timers } from '@rocketmq-ts/base';

import type { CommitLog } from '../commit-log/commit-log';
import type { StoreConfig } from '../store-config';
import { isTimeToDelete } from './delete-when';
import { type DiskUsageProbe, statfsUsedPercent } from './disk-usage';

export interface CommitLogCleanerOptions {
  readonly commitLog: CommitLog;
  readonly config: StoreConfig;
  readonly logger: Logger;
  readonly clock?: Clock;
  /** Where the runs are chained; real timers by default. */
  readonly timers?: Timers;
  readonly diskUsedPercent?: DiskUsageProbe;
  /** Segments deleted per run (RocketMQ's deleteFileBatchMax). */
  readonly deleteFileBatchMax?: number;
  /** Called after a timer-driven run deleted segments. */
  readonly onDeleted?: (segmentStartOffsets: readonly number[]) => void;
}

export interface CleanupResult {
  readonly diskUsedPercent: number;
  readonly diskFull: boolean;
  /** Start offsets of the segments deleted by this run, oldest first. */
  readonly deletedSegments: readonly number[];
}

const HOUR_MS = 3_600_000;
const DISK_FULL_REMARK_PREFIX = 'disk full:';

export class CommitLogCleaner {
  private readonly options: CommitLogCleanerOptions;
  private readonly clock: Clock;
  private readonly timers: Timers;
  private readonly probe: DiskUsageProbe;
  private manualRequests = 0;
  private timer: TimerHandle | undefined;

  constructor(options: CommitLogCleanerOptions) {
    this.options = options;
    this.clock = options.clock ?? systemClock;
    this.timers = options.timers ?? systemClock;
    this.probe = options.diskUsedPercent ?? statfsUsedPercent;
  }

  /** RocketMQ's executeDeleteFilesManually: the next runs delete expired files whatever the hour. */
  requestManualDelete(runs = 20): void {
    this.manualRequests = runs;
  }

  async runOnce(): Promise<CleanupResult> {
    const { config, commitLog } = this.options;
    const usedPercent = await this.probe(config.storePathCommitLog);
    const warningPercent = clamp(config.diskSpaceWarningLevelRatio, 35, 90);
    const forciblyPercent = clamp(config.diskSpaceCleanForciblyRatio, 30, 85);
    const diskFull = usedPercent > warningPercent;
    this.guardWrites(diskFull, usedPercent, warningPercent);

    const manual = this.manualRequests > 0;
    if (manual) this.manualRequests--;
    const force = diskFull || usedPercent > forciblyPercent;
    const due = manual || force || usedPercent > config.diskMaxUsedSpaceRatio || isTimeToDelete(config.deleteWhen, this.clock.nowMs());
    if (!due) return { diskUsedPercent: usedPercent, diskFull, deletedSegments: [] };

    const count = await this.deletablePrefix(force);
    const deletedSegments = await commitLog.queue.deleteFirstFiles(count);
    if (deletedSegments.length > 0) {
      this.options.logger.info(
        { deletedSegments, usedPercent, force },
        `retention deleted ${deletedSegments.length} commit-log segment(s)`,
      );
    }
    return { diskUsedPercent: usedPercent, diskFull, deletedSegments };
  }

  start(): void {
    if (this.timer) return;
    const run = (): void => {
      this.runOnce()
        .then((result) => {
          if (result.deletedSegments.length > 0) this.options.onDeleted?.(result.deletedSegments);
        })
        .catch((error: unknown) => {
          rethrowInvariantViolation(error);
          this.options.logger.error({ err: error }, 'commit-log retention run failed');
        })
        .finally(() => {
          if (this.timer) this.timer = this.timers.setTimeout(run, this.options.config.cleanResourceIntervalMs);
        });
    };
    this.timer = this.timers.setTimeout(run, this.options.config.cleanResourceIntervalMs);
  }

  stop(): void {
    this.timers.clearTimeout(this.timer);
    this.timer = undefined;
  }

  private guardWrites(diskFull: boolean, usedPercent: number, warningPercent: number): void {
    const { commitLog, logger } = this.options;
    const current = commitLog.notWritableReason();
    if (diskFull) {
      const remark = `${DISK_FULL_REMARK_PREFIX} used ${Math.round(usedPercent)}% > warning level ${warningPercent}%`;
      if (current === undefined) logger.error({ usedPercent, warningPercent }, `${remark}: refusing puts`);
      if (current === undefined || current.startsWith(DISK_FULL_REMARK_PREFIX)) commitLog.markNotWritable(remark);
    } else if (current?.startsWith(DISK_FULL_REMARK_PREFIX)) {
      logger.info({ usedPercent, warningPercent }, 'disk use back under the warning level: accepting puts again');
      commitLog.markWritable();
    }
  }

  /** How many segments from the front may go: expired ones (or any, when forced), never the last. */
  private async deletablePrefix(force: boolean): Promise<number> {
    const files = this.options.commitLog.queue.mappedFiles();
    const batchMax = this.options.deleteFileBatchMax ?? 10;
    const reservedMs = this.options.config.fileReservedTimeHours * HOUR_MS;
    const nowMs = this.clock.nowMs();
    let count = 0;
    while (count < files.length - 1 && count < batchMax) {
      const file = files[count];
      if (!file) break;
      const expired = (await stat(file.path)).mtimeMs + reservedMs <= nowMs;
      if (!expired && !force) break;
      count++;
    }
    return count;
  }
}

function clamp(value: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, value));
}
