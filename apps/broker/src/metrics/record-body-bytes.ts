import { bodyLengthPosition, MessageRecordPosition } from '@rocketmq-ts/model';

/**
 * Body bytes of the stored records a pull delivers (`rocketmq_throughput_out_bytes_total` counts
 * bodies, like the send side), read from each record's BODYLENGTH field without decoding it: two
 * int reads per record. Records come from our own commit log, so their layout is trusted.
 */
export function recordBodyBytes(records: readonly Buffer[]): number {
  let bytes = 0;
  for (const record of records) {
    bytes += record.readInt32BE(bodyLengthPosition(record.readInt32BE(MessageRecordPosition.SYS_FLAG)));
  }
  return bytes;
}
