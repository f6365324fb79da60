import { readJson } from '../json/json-reader';
import { writeJsonBuffer } from '../json/json-writer';
import { BodyReader } from './body-fields';

/**
 * BATCH_ACK_MESSAGE (200151) request body (docs/grpc-and-pop.md#wire), fastjson with short names:
 *   {"brokerName":"…","acks":[{"c":group,"t":topic,"r":"0|1|2","so":startOffset,"q":queueId,
 *     "rq":reviveQid,"pt":popTime,"it":invisibleTime,"b":"<base64 of java.util.BitSet#toByteArray>"}]}
 * Bit i of `b` acks queue offset so + i (BitSet bytes are little-endian: bit i is byte i/8, bit i%8).
 * The long names (consumerGroup, topic, retry, startOffset, …) are accepted too, as fastjson does.
 */
export interface BatchAck {
  readonly consumerGroup: string;
  readonly topic: string;
  readonly retry: string;
  readonly startOffset: number;
  readonly queueId: number;
  readonly reviveQueueId: number;
  readonly popTime: number;
  readonly invisibleTime: number;
  /** Queue offsets acked, ascending. */
  readonly offsets: readonly number[];
}

export interface BatchAckMessageRequestBody {
  readonly brokerName: string;
  readonly acks: readonly BatchAck[];
}

const NAME = 'BatchAckMessageRequestBody';
/** Offsets a single entry may ack: a pop batch holds at most 32, this bounds a hostile bitset. */
const MAX_BITS = 1 << 16;

export function encodeAckBits(startOffset: number, offsets: readonly number[]): string {
  const bits = offsets.map((offset) => offset - startOffset);
  const bytes = Buffer.alloc(bits.length === 0 ? 0 : Math.floor(Math.max(...bits) / 8) + 1);
  for (const bit of bits) bytes[bit >> 3] = (bytes[bit >> 3] ?? 0) | (1 << (bit & 7));
  return bytes.toString('base64');
}

export function decodeAckBits(startOffset: number, base64: string): number[] {
  const bytes = Buffer.from(base64, 'base64');
  const offsets: number[] = [];
  for (let i = 0; i < Math.min(bytes.length * 8, MAX_BITS); i++) {
    if (((bytes[i >> 3] ?? 0) & (1 << (i & 7))) !== 0) offsets.push(startOffset + i);
  }
  return offsets;
}

export const BatchAckMessageRequestBody = {
  encode(body: BatchAckMessageRequestBody): Buffer {
    return writeJsonBuffer({
      acks: body.acks.map((ack) => ({
        b: encodeAckBits(ack.startOffset, ack.offsets),
        c: ack.consumerGroup,
        it: ack.invisibleTime,
        pt: ack.popTime,
        q: ack.queueId,
        r: ack.retry,
        rq: ack.reviveQueueId,
        so: ack.startOffset,
        t: ack.topic,
      })),
      brokerName: body.brokerName,
    });
  },

  decode(bytes: Buffer | string): BatchAckMessageRequestBody {
    const fields = BodyReader.of(NAME, readJson(bytes));
    const acks = fields.array('acks').map((item, index) => {
      const ack = BodyReader.of(NAME, item, `$.acks[${index}]`);
      const pick = (short: string, long: string): string => (ack.has(short) ? short : long);
      const startOffset = ack.long(pick('so', 'startOffset'));
      return {
        consumerGroup: ack.string(pick('c', 'consumerGroup')),
        topic: ack.string(pick('t', 'topic')),
        retry: ack.string(pick('r', 'retry'), '0'),
        startOffset,
        queueId: ack.integer(pick('q', 'queueId')),
        reviveQueueId: ack.integer(pick('rq', 'reviveQueueId'), 0),
        popTime: ack.long(pick('pt', 'popTime')),
        invisibleTime: ack.long(pick('it', 'invisibleTime'), 0),
        offsets: decodeAckBits(startOffset, ack.string(pick('b', 'bitSet'), '')),
      };
    });
    return { brokerName: fields.string('brokerName', ''), acks };
  },
};
