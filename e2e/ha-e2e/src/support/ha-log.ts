import type { ManagedProcess } from '@rocketmq-ts/testing';

/**
 * The offsets slaves asked for when they connected, from the master's "HA slave connected" log
 * lines (libs/ha logs requestOffset: the slave's max commit-log offset, 0 for an empty slave).
 */
export function slaveRequestOffsets(master: ManagedProcess): number[] {
  return master
    .lines()
    .filter((line) => line.text.includes('HA slave connected'))
    .map((line) => Number(/"requestOffset":(\d+)/.exec(line.text)?.[1] ?? Number.NaN));
}
