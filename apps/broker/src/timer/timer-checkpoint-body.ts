/**
 * The GET_TIMER_CHECK_POINT (60) reply body, laid out as Java's TimerCheckpoint.encode (seven
 * big-endian longs: lastReadTimeMs, lastTimerLogFlushPos, lastTimerQueueOffset,
 * masterTimerQueueOffset, then the DataVersion's stateVersion, timestamp and counter) with one
 * long of ours after them: how many records of the slot at lastReadTimeMs are delivered. Java's
 * decode stops after its seven, so an Apache slave reads our master's body too.
 */
import { readInt64, writeInt64 } from '@rocketmq-ts/base';

export interface TimerCheckpointBody {
  readonly readTimeMs: number;
  readonly logFlushedPos: number;
  readonly stagingQueueOffset: number;
  readonly deliveredInSlot: number;
}

const JAVA_FIELDS = 7;
const BODY_BYTES = (JAVA_FIELDS + 1) * 8;

export function encodeTimerCheckpointBody(body: TimerCheckpointBody, nowMs: number): Buffer {
  const bytes = Buffer.alloc(BODY_BYTES);
  const longs = [body.readTimeMs, body.logFlushedPos, body.stagingQueueOffset, body.stagingQueueOffset, 0, nowMs, 0, body.deliveredInSlot];
  longs.forEach((value, index) => writeInt64(bytes, value, index * 8));
  return bytes;
}

/** Undefined when the body is shorter than Java's four leading longs. */
export function decodeTimerCheckpointBody(bytes: Buffer): TimerCheckpointBody | undefined {
  if (bytes.length < 32) return undefined;
  const long = (index: number): number => readInt64(bytes, index * 8);
  return {
    readTimeMs: long(0),
    logFlushedPos: long(1),
    stagingQueueOffset: long(3),
    deliveredInSlot: bytes.length >= BODY_BYTES ? long(JAVA_FIELDS) : 0,
  };
}
