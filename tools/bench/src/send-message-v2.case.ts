/**
 * SEND_MESSAGE_V2 (310) as the Java 5.x producer sends it: the V2 header's one-letter extFields, a
 * properties string with the keys a Java client sets (KEYS, TAGS, UNIQ_KEY, WAIT), and a 1 KiB
 * body. `l` (maxReconsumeTimes) is left out as Java does for a send to a normal topic: it is
 * null there, and null header fields are not written.
 */
import { encodeMessageProperties, MessageConst, UniqueKeyGenerator } from '@rocketmq-ts/model';
import {
  createRequest,
  decodeFrame,
  encodeFrame,
  encodeFrameParts,
  FrameSplitter,
  type RemotingCommand,
  SerializeType,
} from '@rocketmq-ts/protocol';

import type { BenchOperation } from './harness';

export const SEND_MESSAGE_V2 = 310;
export const BODY_BYTES = 1024;

export interface CodecCase {
  readonly frameBytes: number;
  readonly encodeFrame: BenchOperation;
  readonly encodeFrameParts: BenchOperation;
  readonly decode: BenchOperation;
}

export function sendMessageV2Case(serializeType: SerializeType): CodecCase {
  const command = sendMessageV2Request(serializeType);
  const frame = encodeFrame(command);
  const splitter = new FrameSplitter();
  return {
    frameBytes: frame.length,
    encodeFrame: () => encodeFrame(command).length,
    encodeFrameParts: () => encodeFrameParts(command)[0].length,
    decode: () => {
      const [payload] = splitter.push(frame);
      return decodeFrame(payload as Buffer).opaque;
    },
  };
}

function sendMessageV2Request(serializeType: SerializeType): RemotingCommand {
  const uniqueKeys = new UniqueKeyGenerator({ ip: Uint8Array.from([192, 168, 1, 10]), pid: 4242, instanceHash: 0x1b6d3586 });
  const properties = encodeMessageProperties({
    [MessageConst.PROPERTY_KEYS]: 'order-20260321-000123',
    [MessageConst.PROPERTY_TAGS]: 'TagA',
    [MessageConst.PROPERTY_UNIQ_CLIENT_MESSAGE_ID_KEYIDX]: uniqueKeys.next(),
    [MessageConst.PROPERTY_WAIT_STORE_MSG_OK]: 'true',
  });
  const request = createRequest(SEND_MESSAGE_V2, {
    language: 'JAVA',
    serializeType,
    body: Buffer.alloc(BODY_BYTES, 'x'),
    extFields: {
      a: 'please_rename_unique_group_name',
      b: 'BenchmarkTopic',
      c: 'TBW102',
      d: '4',
      e: '3',
      f: '0',
      g: '1774051200123',
      h: '0',
      i: properties,
      j: '0',
      k: 'false',
      m: 'false',
      n: 'broker-a',
    },
  });
  return { ...request, opaque: 1_234_567 };
}
