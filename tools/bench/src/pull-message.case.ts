/**
 * A FOUND PULL_MESSAGE (11) response: 32 stored records with 1 KiB bodies and the properties a
 * broker stores (the client's plus CLUSTER, MSG_REGION, TRACE_ON), behind the four mandatory
 * response header fields. Encoding writes the 32 records into one body buffer and frames it,
 * as a broker without zero-copy would; decoding splits the frame, decodes it and walks the
 * records, as a consumer does before it looks at properties.
 */
import { crc32Positive } from '@rocketmq-ts/base';
import {
  encodeMessageProperties,
  encodeMessageRecordInto,
  iterateMessageRecords,
  MessageConst,
  type MessageRecordFields,
  messageRecordSize,
  UniqueKeyGenerator,
} from '@rocketmq-ts/model';
import { createRequest, createResponse, decodeFrame, encodeFrame, encodeFrameParts, FrameSplitter } from '@rocketmq-ts/protocol';

import type { BenchOperation } from './harness';
import type { CodecCase } from './send-message-v2.case';

const PULL_MESSAGE = 11;
const SUCCESS = 0;
export const RECORDS_PER_PULL = 32;

/**
 * `precomputedBodyCrc` passes each record's CRC in, as the store does when it computes it before
 * taking the append lock; the row then shows the codec's own cost without the CRC pass.
 */
export function pullMessageCase(bodyBytes: number, precomputedBodyCrc = false): CodecCase {
  const records = storedRecords(bodyBytes).map((record) =>
    precomputedBodyCrc ? { ...record, bodyCrc: crc32Positive(record.body) } : record,
  );
  const bodySize = records.reduce((sum, record) => sum + messageRecordSize(record), 0);
  const request = { ...createRequest(PULL_MESSAGE), opaque: 99 };
  const buildResponse = (): ReturnType<typeof createResponse> => {
    const body = Buffer.allocUnsafe(bodySize);
    let offset = 0;
    for (const record of records) offset += encodeMessageRecordInto(body, offset, record);
    return createResponse(request, SUCCESS, {
      remark: 'FOUND',
      extFields: { suggestWhichBrokerId: '0', nextBeginOffset: '1032', minOffset: '0', maxOffset: '5000' },
      body,
    });
  };
  const frame = encodeFrame(buildResponse());
  const splitter = new FrameSplitter();
  const decode: BenchOperation = () => {
    const [payload] = splitter.push(frame);
    const response = decodeFrame(payload as Buffer);
    let walked = 0;
    for (const record of iterateMessageRecords(response.body as Buffer)) walked += record.body.length;
    return walked;
  };
  return {
    frameBytes: frame.length,
    encodeFrame: () => encodeFrame(buildResponse()).length,
    encodeFrameParts: () => encodeFrameParts(buildResponse())[0].length,
    decode,
  };
}

function storedRecords(bodyBytes: number): MessageRecordFields[] {
  const uniqueKeys = new UniqueKeyGenerator({ ip: Uint8Array.from([192, 168, 1, 10]), pid: 4242, instanceHash: 0x1b6d3586 });
  const body = Buffer.alloc(bodyBytes, 'x');
  const records: MessageRecordFields[] = [];
  for (let index = 0; index < RECORDS_PER_PULL; index++) {
    records.push({
      queueId: 3,
      flag: 0,
      queueOffset: 1000 + index,
      physicalOffset: 7_340_032 + index * 1300,
      sysFlag: 0,
      bornTimestamp: 1_774_051_200_123 + index,
      bornHost: { ip: Uint8Array.from([192, 168, 1, 10]), port: 52_344 },
      storeTimestamp: 1_774_051_200_125 + index,
      storeHost: { ip: Uint8Array.from([192, 168, 1, 20]), port: 10_911 },
      reconsumeTimes: 0,
      preparedTransactionOffset: 0,
      body,
      topic: 'BenchmarkTopic',
      properties: encodeMessageProperties({
        [MessageConst.PROPERTY_KEYS]: `order-20260321-${String(index).padStart(6, '0')}`,
        [MessageConst.PROPERTY_TAGS]: 'TagA',
        [MessageConst.PROPERTY_UNIQ_CLIENT_MESSAGE_ID_KEYIDX]: uniqueKeys.next(),
        [MessageConst.PROPERTY_WAIT_STORE_MSG_OK]: 'true',
        [MessageConst.PROPERTY_CLUSTER]: 'DefaultCluster',
        [MessageConst.PROPERTY_MSG_REGION]: 'DefaultRegion',
        [MessageConst.PROPERTY_TRACE_SWITCH]: 'true',
      }),
    });
  }
  return records;
}
