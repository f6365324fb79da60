/**
 * The AutoSwitch HA wire format of controller mode (docs/controller-mode-broker.md#ha-protocol), big-endian.
 * Every frame starts with the sender's connection state (HAConnectionState ordinal):
 *
 *   slave → master HANDSHAKE  16 B  [state=1 i32][syncFromLastFile i16][asyncLearner i16][slave controller id i64]
 *   master → slave HANDSHAKE  20 B + 12N  [state=1 i32][bodySize=12N i32][master max offset i64][last epoch i32]
 *                                        N × [epoch i32][startOffset i64], ascending
 *   master → slave TRANSFER   36 B + body [state=2 i32][bodySize i32][offset i64][epoch i32][epoch start i64]
 *                                        [master confirm offset i64][commit-log bytes]; bodySize 0 = heartbeat
 *   slave → master ACK        12 B  [state=2 i32][slave max offset i64]
 */
import type { EpochEntry } from '@rocketmq-ts/store';

import { HAProtocolError } from '../ha-protocol-error';
import { readOffset, writeOffset } from '../wire/ha-wire';

export const HA_STATE_HANDSHAKE = 1;
export const HA_STATE_TRANSFER = 2;

export const SLAVE_HANDSHAKE_BYTES = 16;
export const SLAVE_ACK_BYTES = 12;
export const MASTER_HANDSHAKE_HEADER_BYTES = 20;
export const TRANSFER_HEADER_BYTES = 36;
export const EPOCH_ENTRY_BYTES = 12;
/** RocketMQ's handshake buffer holds at most this many epochs. */
export const MAX_HANDSHAKE_EPOCHS = 1000;

export interface SlaveHandshake {
  readonly syncFromLastFile: boolean;
  readonly asyncLearner: boolean;
  readonly slaveId: number;
}

export interface MasterHandshake {
  readonly masterMaxOffset: number;
  readonly lastEpoch: number;
  readonly epochs: readonly EpochEntry[];
}

export interface TransferHeader {
  readonly offset: number;
  readonly epoch: number;
  readonly epochStartOffset: number;
  readonly confirmOffset: number;
}

export function encodeSlaveHandshake(handshake: SlaveHandshake): Buffer {
  const frame = Buffer.alloc(SLAVE_HANDSHAKE_BYTES);
  frame.writeInt32BE(HA_STATE_HANDSHAKE, 0);
  frame.writeInt16BE(handshake.syncFromLastFile ? 1 : 0, 4);
  frame.writeInt16BE(handshake.asyncLearner ? 1 : 0, 6);
  writeOffset(frame, 8, handshake.slaveId);
  return frame;
}

export function decodeSlaveHandshake(frame: Buffer, at = 0): SlaveHandshake {
  const state = frame.readInt32BE(at);
  if (state !== HA_STATE_HANDSHAKE) throw new HAProtocolError(`expected a HANDSHAKE (state 1) from the slave, got state ${state}`);
  return {
    syncFromLastFile: frame.readInt16BE(at + 4) === 1,
    asyncLearner: frame.readInt16BE(at + 6) === 1,
    slaveId: readOffset(frame, at + 8),
  };
}

export function encodeSlaveAck(maxOffset: number): Buffer {
  const frame = Buffer.alloc(SLAVE_ACK_BYTES);
  frame.writeInt32BE(HA_STATE_TRANSFER, 0);
  writeOffset(frame, 4, maxOffset);
  return frame;
}

export function decodeSlaveAck(frame: Buffer, at = 0): number {
  const state = frame.readInt32BE(at);
  if (state !== HA_STATE_TRANSFER) throw new HAProtocolError(`expected an ACK (state 2) from the slave, got state ${state}`);
  return readOffset(frame, at + 4);
}

export function encodeMasterHandshake(handshake: MasterHandshake): Buffer {
  const epochs = handshake.epochs.slice(-MAX_HANDSHAKE_EPOCHS);
  const frame = Buffer.alloc(MASTER_HANDSHAKE_HEADER_BYTES + EPOCH_ENTRY_BYTES * epochs.length);
  frame.writeInt32BE(HA_STATE_HANDSHAKE, 0);
  frame.writeInt32BE(EPOCH_ENTRY_BYTES * epochs.length, 4);
  writeOffset(frame, 8, handshake.masterMaxOffset);
  frame.writeInt32BE(handshake.lastEpoch, 16);
  epochs.forEach((entry, index) => {
    const at = MASTER_HANDSHAKE_HEADER_BYTES + index * EPOCH_ENTRY_BYTES;
    frame.writeInt32BE(entry.epoch, at);
    writeOffset(frame, at + 4, entry.startOffset);
  });
  return frame;
}

export function encodeTransferHeader(header: TransferHeader, bodySize: number): Buffer {
  const frame = Buffer.allocUnsafe(TRANSFER_HEADER_BYTES);
  frame.writeInt32BE(HA_STATE_TRANSFER, 0);
  frame.writeInt32BE(bodySize, 4);
  writeOffset(frame, 8, header.offset);
  frame.writeInt32BE(header.epoch, 16);
  writeOffset(frame, 20, header.epochStartOffset);
  writeOffset(frame, 28, header.confirmOffset);
  return frame;
}

export type MasterFrame =
  | { readonly kind: 'handshake'; readonly handshake: MasterHandshake }
  | { readonly kind: 'transfer'; readonly header: TransferHeader; readonly body: Buffer };

/**
 * The slave's cut of the master's byte stream into frames. A body is a view into a buffer that
 * is reused: consume it synchronously in `onFrame`.
 */
export class MasterFrameDecoder {
  private pending: Buffer = Buffer.alloc(0);

  constructor(private readonly maxBodyBytes: number) {}

  push(chunk: Buffer, onFrame: (frame: MasterFrame) => void): void {
    const data = this.pending.length === 0 ? chunk : Buffer.concat([this.pending, chunk]);
    let at = 0;
    for (;;) {
      if (data.length - at < 8) break;
      const state = data.readInt32BE(at);
      const bodySize = data.readInt32BE(at + 4);
      if (state !== HA_STATE_HANDSHAKE && state !== HA_STATE_TRANSFER)
        throw new HAProtocolError(`frame state ${state} is neither HANDSHAKE (1) nor TRANSFER (2)`);
      const limit = state === HA_STATE_HANDSHAKE ? MAX_HANDSHAKE_EPOCHS * EPOCH_ENTRY_BYTES : this.maxBodyBytes;
      if (bodySize < 0 || bodySize > limit) throw new HAProtocolError(`frame body size ${bodySize} is outside 0..${limit}`);
      if (state === HA_STATE_HANDSHAKE && bodySize % EPOCH_ENTRY_BYTES !== 0)
        throw new HAProtocolError(`handshake body size ${bodySize} is not a multiple of ${EPOCH_ENTRY_BYTES}`);
      const headerBytes = state === HA_STATE_HANDSHAKE ? MASTER_HANDSHAKE_HEADER_BYTES : TRANSFER_HEADER_BYTES;
      const end = at + headerBytes + bodySize;
      if (end > data.length) break;
      if (state === HA_STATE_HANDSHAKE) {
        const epochs: EpochEntry[] = [];
        for (let entry = at + headerBytes; entry < end; entry += EPOCH_ENTRY_BYTES)
          epochs.push({ epoch: data.readInt32BE(entry), startOffset: readOffset(data, entry + 4) });
        onFrame({
          kind: 'handshake',
          handshake: { masterMaxOffset: readOffset(data, at + 8), lastEpoch: data.readInt32BE(at + 16), epochs },
        });
      } else {
        const header = {
          offset: readOffset(data, at + 8),
          epoch: data.readInt32BE(at + 16),
          epochStartOffset: readOffset(data, at + 20),
          confirmOffset: readOffset(data, at + 28),
        };
        onFrame({ kind: 'transfer', header, body: data.subarray(at + headerBytes, end) });
      }
      at = end;
    }
    this.pending = at === data.length ? Buffer.alloc(0) : Buffer.from(data.subarray(at));
  }

  reset(): void {
    this.pending = Buffer.alloc(0);
  }
}

/** The master's cut of a slave's stream: one 16-byte HANDSHAKE, then 12-byte ACKs. */
export class SlaveFrameDecoder {
  private pending: Buffer = Buffer.alloc(0);
  private handshaken = false;

  push(chunk: Buffer, onHandshake: (handshake: SlaveHandshake) => void, onAck: (offset: number) => void): void {
    const data = this.pending.length === 0 ? chunk : Buffer.concat([this.pending, chunk]);
    let at = 0;
    for (;;) {
      const size = this.handshaken ? SLAVE_ACK_BYTES : SLAVE_HANDSHAKE_BYTES;
      if (data.length - at < size) break;
      if (this.handshaken) onAck(decodeSlaveAck(data, at));
      else {
        this.handshaken = true;
        onHandshake(decodeSlaveHandshake(data, at));
      }
      at += size;
    }
    this.pending = at === data.length ? Buffer.alloc(0) : Buffer.from(data.subarray(at));
  }
}
