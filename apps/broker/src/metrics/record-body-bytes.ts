import { hostFieldBytes, MessageRecordPosition, MessageSysFlag } from '@rocketmq-ts/model';

/** STORETIMESTAMP (8) + RECONSUMETIMES (4) + PREPAREDTRANSACTIONOFFSET (8) between the two host fields and BODYLENGTH. */
const FIELDS_BETWEEN_HOSTS_AND_BODY_LENGTH = 20;

/**
 * Body bytes of the stored records a pull delivers (`rocketmq_throughput_out_bytes_total` counts
 * bodies, like the send side), read from each record's BODYLENGTH field without decoding it: two
 * int reads per record. Records come from our own commit log, so their layout is trusted.
 */
export function recordBodyBytes(records: readonly Buffer[]): number {
  let bytes = 0;
  for (const record of records) {
    const sysFlag = record.readInt32BE(MessageRecordPosition.SYS_FLAG);
    const bodyLengthAt =
      MessageRecordPosition.BORN_HOST + hostFieldBytes(sysFlag & MessageSysFlag.BORNHOST_V6) + hostFieldBytes(sysFlag & MessageSysFlag.STOREHOST_V6) + FIELDS_BETWEEN_HOSTS_AND_BODY_LENGTH;
    bytes += record.readInt32BE(bodyLengthAt);
  }
  return bytes;
}
