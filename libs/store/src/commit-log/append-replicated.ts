/**
 * The slave's write path (docs/store-and-ha.md#replication): raw commit-log bytes received from the master are
 * written at exactly the offset they have on the master, so the slave's log is a byte copy of the
 * master's and every PHYSICALOFFSET inside the records stays true.
 *
 * Rules:
 * - the offset must be the log's current end; anything else is a gap or a duplicate;
 * - an empty log may start at any segment start (a new slave begins at the master's last
 *   segment, not at 0), and its first segment file is created there;
 * - bytes never span two segments: the master cuts frames at segment ends, so a chunk that does
 *   not fit means the two sides disagree on the segment size.
 *
 * Synchronous from check to pwrite (like appendRecordsSync): nothing can interleave between
 * reading the end offset and writing at it.
 */
import type { MappedFile } from '../mapped-file/mapped-file';
import type { MappedFileQueue } from '../mapped-file/mapped-file-queue';

export type ReplicaAppendFailure =
  /** The offset is not the end of the log (or, for an empty log, not a segment start). */
  | 'offset-mismatch'
  /** The bytes would run past the end of the segment they start in. */
  | 'crosses-segment'
  /** The store refuses writes (shut down, disk full, an earlier write error). */
  | 'not-writable'
  /** The file system failed the pwrite or the segment creation. */
  | 'write-failed';

export class ReplicaAppendError extends Error {
  constructor(
    readonly reason: ReplicaAppendFailure,
    message: string,
    /** The log's end when the append was refused: where the master must resume. */
    readonly expectedOffset: number,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'ReplicaAppendError';
  }
}

/** Writes `bytes` at `offset`, which must be the end of the log; returns the new end. Throws ReplicaAppendError. */
export function appendReplicatedSync(queue: MappedFileQueue, offset: number, bytes: Buffer): number {
  const end = queue.maxOffset();
  const last = queue.lastFile();
  if (last === undefined) {
    if (offset < 0 || offset % queue.fileSizeBytes !== 0) {
      throw new ReplicaAppendError(
        'offset-mismatch',
        `an empty commit log starts at a segment start; got offset ${offset} (segments are ${queue.fileSizeBytes} bytes)`,
        end,
      );
    }
  } else if (offset !== end) {
    throw new ReplicaAppendError('offset-mismatch', `replicated bytes at offset ${offset}, but the commit log ends at ${end}`, end);
  }
  if (bytes.length === 0) return last === undefined ? end : offset;

  let file: MappedFile;
  try {
    file = queue.lastFileForAppendSync(offset);
  } catch (error) {
    throw new ReplicaAppendError('write-failed', `could not create the commit-log segment for offset ${offset}`, end, { cause: error });
  }
  if (bytes.length > file.remainingBytes()) {
    throw new ReplicaAppendError(
      'crosses-segment',
      `${bytes.length} replicated bytes at offset ${offset} cross the end of segment ${file.fileFromOffset} (${file.remainingBytes()} bytes left); master and slave segment sizes differ?`,
      offset,
    );
  }
  try {
    file.appendSync(bytes, 0, bytes.length);
  } catch (error) {
    throw new ReplicaAppendError('write-failed', `commit-log write failed at offset ${offset}`, offset, { cause: error });
  }
  return file.wroteOffset();
}
