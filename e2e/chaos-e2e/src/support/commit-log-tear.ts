import { closeSync, openSync, readdirSync, readFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';

import { isEndOfFileMarker, iterateMessageRecords } from '@rocketmq-ts/model';

import { idOfBody } from './wire-driver';

/** How many bytes of a real record the tear leaves behind: its header, not its body. */
const TORN_BYTES = 30;

export interface CommitLogScan {
  /** Physical offset right after the last valid record: where recovery must truncate. */
  readonly endOffset: number;
  /** Our ids in the valid records, in log order. */
  readonly ids: number[];
  /** The first TORN_BYTES of the last valid record, to fake a torn write with. */
  readonly lastRecordHead: Buffer;
  readonly segmentFile: string;
  readonly positionInSegment: number;
  readonly segmentBytes: number;
}

/**
 * Reads the commit log as recovery does, from the first segment: records one after another, a
 * BLANK end-of-file marker moves on to the next segment, and the first thing that does not decode
 * (zeros of the preallocated sparse file, or a half-written record) ends the valid data.
 */
export function scanCommitLog(storeDir: string): CommitLogScan {
  const directory = join(storeDir, 'commitlog');
  const segments = readdirSync(directory)
    .filter((name) => /^\d{20}$/.test(name))
    .sort();
  if (segments.length === 0) throw new Error(`no commit-log segments in ${directory}`);
  const ids: number[] = [];
  let lastRecordHead: Buffer | undefined;
  for (const name of segments) {
    const data = readFileSync(join(directory, name));
    let position = 0;
    try {
      for (const record of iterateMessageRecords(data, 0, data.length, { verifyBodyCrc: true })) {
        const id = idOfBody(record.body);
        if (id !== undefined) ids.push(id);
        lastRecordHead = Buffer.from(data.subarray(position, position + TORN_BYTES));
        position += record.totalSize;
        if (isEndOfFileMarker(data, position)) break;
      }
    } catch {
      // The decoder refused the bytes at `position`: the end of the valid data.
    }
    if (isEndOfFileMarker(data, position)) continue;
    if (lastRecordHead === undefined) throw new Error('the commit log holds no valid record to copy a torn head from');
    return {
      endOffset: Number(name) + position,
      ids,
      lastRecordHead,
      segmentFile: join(directory, name),
      positionInSegment: position,
      segmentBytes: data.length,
    };
  }
  throw new Error(`every commit-log segment in ${directory} ends with a BLANK marker; no end of data found`);
}

/**
 * Overwrites the bytes right after the last valid record with the head of a real record (a valid
 * size and magic code, then the zeros or leftovers already there): what a crash in the middle of
 * an append leaves behind.
 */
export function tearCommitLogTail(scan: CommitLogScan): void {
  const fd = openSync(scan.segmentFile, 'r+');
  try {
    // Never past the preallocated size: growing the segment file would be a different fault.
    const length = Math.min(scan.lastRecordHead.length, scan.segmentBytes - scan.positionInSegment);
    writeSync(fd, scan.lastRecordHead, 0, length, scan.positionInSegment);
  } finally {
    closeSync(fd);
  }
}
