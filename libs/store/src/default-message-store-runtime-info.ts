/**
 * The store's part of GET_BROKER_RUNTIME_INFO: key names and value formats as RocketMQ's
 * DefaultMessageStore.getRuntimeInfo writes them, so the admin tools and dashboards read them.
 */
import { diskSpaceSync } from './cleanup/disk-usage';

export interface RuntimeFigures {
  readonly commitLogDir: string;
  readonly commitLogMinOffset: number;
  readonly commitLogMaxOffset: number;
  readonly dispatchBehindBytes: number;
  readonly earliestMessageTimeStamp: number;
  readonly putMessageTimesTotal: number;
  readonly putMessageSizeTotal: number;
  readonly putMessageFailedTimes: number;
}

export function runtimeInfo(figures: RuntimeFigures): Record<string, string> {
  const disk = diskSpaceSync(figures.commitLogDir);
  return {
    commitLogMinOffset: String(figures.commitLogMinOffset),
    commitLogMaxOffset: String(figures.commitLogMaxOffset),
    dispatchBehindBytes: String(figures.dispatchBehindBytes),
    commitLogDiskRatio: String(disk.usedRatio),
    commitLogDirCapacity: `Total : ${humanReadableBytes(disk.totalBytes)}, Free : ${humanReadableBytes(disk.freeBytes)}.`,
    earliestMessageTimeStamp: String(figures.earliestMessageTimeStamp),
    putMessageTimesTotal: String(figures.putMessageTimesTotal),
    putMessageSizeTotal: String(figures.putMessageSizeTotal),
    putMessageFailedTimes: String(figures.putMessageFailedTimes),
    putMessageAverageSize: String(figures.putMessageTimesTotal > 0 ? figures.putMessageSizeTotal / figures.putMessageTimesTotal : 0),
  };
}

/** RocketMQ's MixAll.humanReadableByteCount in binary units: `512 B`, `1.5 KiB`, `93.1 GiB`. */
export function humanReadableBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  const exponent = Math.min(6, Math.floor(Math.log(bytes) / Math.log(1024)));
  return `${(bytes / 1024 ** exponent).toFixed(1)} ${'KMGTPE'.charAt(exponent - 1)}iB`;
}
