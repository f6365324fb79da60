/**
 * How full the disk holding a store path is, in percent. Retention and the disk-full guard
 * depend on it; specs inject a fake probe to play out 80 % or 95 % without filling a disk.
 */
import { statfs } from 'node:fs/promises';

/** Used space of the file system holding `path`, 0–100. */
export type DiskUsageProbe = (path: string) => Promise<number>;

/** statfs: (total − free) / total, as Java's File.getTotalSpace/getFreeSpace give it. */
export const statfsUsedPercent: DiskUsageProbe = async (path) => {
  const stats = await statfs(path);
  if (stats.blocks === 0) return 0;
  return ((stats.blocks - stats.bfree) / stats.blocks) * 100;
};
