/**
 * How full the disk holding a store path is: the one reading behind retention, the disk-full guard
 * and the runtime info admin tools and dashboards show, so the ratio a user sees is the ratio that
 * triggers deletion. Specs inject a fake probe to play out 80 % or 95 % without filling a disk.
 */
import { type StatsFs, statfsSync } from 'node:fs';
import { statfs } from 'node:fs/promises';

/** Used space of the file system holding `path`, 0–100. */
export type DiskUsageProbe = (path: string) => Promise<number>;

export interface DiskSpace {
  readonly totalBytes: number;
  /** Unallocated bytes, the reserve for root included (Java's File.getFreeSpace). */
  readonly freeBytes: number;
  /** (total − free) / total, 0–1: Java's UtilAll.getDiskPartitionSpaceUsedPercent. */
  readonly usedRatio: number;
}

const NO_DISK: DiskSpace = { totalBytes: 0, freeBytes: 0, usedRatio: 0 };

/** A statfs reading as Java's File.getTotalSpace/getFreeSpace give it. */
export function diskSpaceOf(stats: Pick<StatsFs, 'blocks' | 'bfree' | 'bsize'>): DiskSpace {
  if (stats.blocks === 0) return NO_DISK;
  return {
    totalBytes: stats.blocks * stats.bsize,
    freeBytes: stats.bfree * stats.bsize,
    usedRatio: (stats.blocks - stats.bfree) / stats.blocks,
  };
}

/** For the runtime info (answered synchronously); a path that cannot be read reads as no disk. */
export function diskSpaceSync(path: string): DiskSpace {
  try {
    return diskSpaceOf(statfsSync(path));
  } catch {
    return NO_DISK;
  }
}

export const statfsUsedPercent: DiskUsageProbe = async (path) => diskSpaceOf(await statfs(path)).usedRatio * 100;
