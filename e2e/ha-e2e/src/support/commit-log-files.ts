import { closeSync, existsSync, openSync, readSync } from 'node:fs';
import { join } from 'node:path';

const CHUNK = 1024 * 1024;

/**
 * Compares two stores' commit logs byte for byte over [0, length) and returns the offset of the
 * first byte that differs or is missing on either side, -1 when all are equal. Segment files are
 * named by their start offset, so the same name holds the same range on master and slave.
 */
export function firstDifferentCommitLogByte(masterStore: string, slaveStore: string, length: number, segmentBytes: number): number {
  const [left, right] = [Buffer.alloc(CHUNK), Buffer.alloc(CHUNK)];
  for (let segmentStart = 0; segmentStart < length; segmentStart += segmentBytes) {
    const name = String(segmentStart).padStart(20, '0');
    const files = [join(masterStore, 'commitlog', name), join(slaveStore, 'commitlog', name)];
    if (!files.every((file) => existsSync(file))) return segmentStart;
    const [masterFd, slaveFd] = files.map((file) => openSync(file, 'r')) as [number, number];
    try {
      const segmentEnd = Math.min(length, segmentStart + segmentBytes);
      for (let at = segmentStart; at < segmentEnd; at += CHUNK) {
        const want = Math.min(CHUNK, segmentEnd - at);
        const gotLeft = readSync(masterFd, left, 0, want, at - segmentStart);
        const gotRight = readSync(slaveFd, right, 0, want, at - segmentStart);
        let index = 0;
        while (index < want && index < gotLeft && index < gotRight && left[index] === right[index]) index += 1;
        if (index < want) return at + index;
      }
    } finally {
      closeSync(masterFd);
      closeSync(slaveFd);
    }
  }
  return -1;
}
