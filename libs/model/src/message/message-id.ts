/**
 * The two message ids of RocketMQ (docs/remoting-protocol.md#message-records), both uppercase hex.
 *
 * offsetMsgId: where the broker stored the message. VIEW_MESSAGE_BY_ID and END_TRANSACTION find
 * the broker and the record from it alone.
 *   storeHostIp(4 | 16) storePort:int32 physicalOffset:int64    => 32 or 56 hex chars
 *
 * UNIQ_KEY: made by the client before sending (the broker makes one when it is missing).
 *   ip(4 | 16) pid:int16 instanceHash:int32 msSinceMonthStart:int32 counter:int16  => 32 or 56
 * The first three parts are fixed per process; the month start is in local time, as Java's
 * Calendar computes it, and the millisecond span wraps through int32 after ~24.8 days like Java's.
 */
import { type Clock, systemClock } from '@rocketmq-ts/base';
import { readSafeInt64, writeInt64 } from '@rocketmq-ts/base';

import { MessageDecodeError, MessageEncodeError } from './model-errors';
import { IPV4_BYTES, IPV6_BYTES, type SocketAddress } from './socket-address';

const HEX_ID = /^[0-9A-Fa-f]+$/;

export interface OffsetMessageId {
  readonly storeHost: SocketAddress;
  readonly physicalOffset: number;
}

/** Java's `MessageDecoder.createMessageId`. */
export function createOffsetMessageId(storeHost: SocketAddress, physicalOffset: number): string {
  const ipBytes = storeHost.ip.length;
  if (ipBytes !== IPV4_BYTES && ipBytes !== IPV6_BYTES) throw new MessageEncodeError(`store host has a ${ipBytes}-byte address`);
  if (!Number.isSafeInteger(physicalOffset)) throw new MessageEncodeError(`physical offset ${physicalOffset} is not a safe integer`);
  const bytes = Buffer.allocUnsafe(ipBytes + 12);
  bytes.set(storeHost.ip, 0);
  bytes.writeInt32BE(storeHost.port | 0, ipBytes);
  writeInt64(bytes, physicalOffset, ipBytes + 4);
  return bytes.toString('hex').toUpperCase();
}

/** Java's `MessageDecoder.decodeMessageId`; hex case is ignored. Throws MessageDecodeError (offset 0). */
export function decodeOffsetMessageId(id: string): OffsetMessageId {
  const bytes = hexIdBytes(id, 'offsetMsgId');
  const ipBytes = bytes.length - 12;
  const physicalOffset = readSafeInt64(bytes, ipBytes + 4);
  if (physicalOffset === undefined) throw new MessageDecodeError(0, `offsetMsgId ${id} holds an offset beyond 2^53`);
  return { storeHost: { ip: bytes.subarray(0, ipBytes), port: bytes.readInt32BE(ipBytes) }, physicalOffset };
}

function hexIdBytes(id: string, kind: string): Buffer {
  if ((id.length !== 32 && id.length !== 56) || !HEX_ID.test(id)) {
    throw new MessageDecodeError(0, `${kind} must be 32 or 56 hex characters, got ${JSON.stringify(id)}`);
  }
  return Buffer.from(id, 'hex');
}

export interface UniqueKeyGeneratorOptions {
  /** This host's address, 4 or 16 bytes (Java: `UtilAll.getIP()`). */
  readonly ip: Uint8Array;
  /** Only the low 16 bits are kept, as Java's `(short) pid`. */
  readonly pid: number;
  /** Per-process discriminator (Java: the class loader's hashCode). Default: random. */
  readonly instanceHash?: number;
  readonly clock?: Clock;
}

/** One per process (or per client instance): ids are unique through the fixed prefix + counter. */
export class UniqueKeyGenerator {
  private readonly prefix: string;
  private readonly clock: Clock;
  private monthStartMs = 0;
  private nextMonthStartMs = 0;
  private counter = 0;

  constructor(options: UniqueKeyGeneratorOptions) {
    const ipBytes = options.ip.length;
    if (ipBytes !== IPV4_BYTES && ipBytes !== IPV6_BYTES) throw new MessageEncodeError(`ip has ${ipBytes} bytes; expected 4 or 16`);
    const fixed = Buffer.allocUnsafe(ipBytes + 6);
    fixed.set(options.ip, 0);
    fixed.writeUInt16BE(options.pid & 0xffff, ipBytes);
    fixed.writeInt32BE((options.instanceHash ?? Math.floor(Math.random() * 0x100000000)) | 0, ipBytes + 2);
    this.prefix = fixed.toString('hex').toUpperCase();
    this.clock = options.clock ?? systemClock;
  }

  /** A new UNIQ_KEY. */
  next(): string {
    const nowMs = this.clock.nowMs();
    if (nowMs >= this.nextMonthStartMs) {
      this.monthStartMs = localMonthStartMs(nowMs, 0);
      this.nextMonthStartMs = localMonthStartMs(nowMs, 1);
    }
    let span = (nowMs - this.monthStartMs) | 0;
    // Java forgives a clock stepping back a little (under 1000 s) by writing 0.
    if (span < 0 && span > -1_000_000) span = 0;
    const counter = this.counter;
    this.counter = (counter + 1) & 0xffff;
    return this.prefix + hex(span >>> 0, 8) + hex(counter, 4);
  }
}

export interface ParsedUniqueKey {
  readonly ip: Uint8Array;
  readonly pid: number;
  readonly instanceHash: number;
  /** The unsigned 32-bit span written by the generator. */
  readonly msSinceMonthStart: number;
  readonly counter: number;
}

/** Splits a UNIQ_KEY into its parts. Throws MessageDecodeError (offset 0) for a malformed id. */
export function parseUniqueKey(id: string): ParsedUniqueKey {
  const bytes = hexIdBytes(id, 'UNIQ_KEY');
  const ipBytes = bytes.length - 12;
  return {
    ip: bytes.subarray(0, ipBytes),
    pid: bytes.readUInt16BE(ipBytes),
    instanceHash: bytes.readInt32BE(ipBytes + 2),
    msSinceMonthStart: bytes.readUInt32BE(ipBytes + 6),
    counter: bytes.readUInt16BE(ipBytes + 10),
  };
}

/**
 * Approximate creation time of a UNIQ_KEY (Java's `getNearlyTimeFromID`): the span is taken from
 * this month's start, or last month's when that would lie in the future.
 */
export function uniqueKeyNearlyTimeMs(id: string, nowMs: number): number {
  const span = parseUniqueKey(id).msSinceMonthStart;
  const thisMonth = localMonthStartMs(nowMs, 0);
  return thisMonth + span >= nowMs ? localMonthStartMs(nowMs, -1) + span : thisMonth + span;
}

function localMonthStartMs(epochMs: number, monthDelta: number): number {
  const date = new Date(epochMs);
  return new Date(date.getFullYear(), date.getMonth() + monthDelta, 1).getTime();
}

function hex(value: number, digits: number): string {
  return value.toString(16).toUpperCase().padStart(digits, '0');
}
