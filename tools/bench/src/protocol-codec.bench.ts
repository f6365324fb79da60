/**
 * `npx nx run bench:protocol`: encode and decode rates of the two hottest frames, a
 * SEND_MESSAGE_V2 request (JSON and ROCKETMQ header encodings) and a 32-record PULL_MESSAGE
 * response. Prints one table; asserts nothing. See tools/bench/README.md for how to read it.
 */
import { SerializeType } from '@rocketmq-ts/protocol';

import { benchSink, formatTable, measureRate, type TableRow } from './harness';
import { pullMessageCase, RECORDS_PER_PULL } from './pull-message.case';
import { BODY_BYTES, type CodecCase, sendMessageV2Case } from './send-message-v2.case';

function rowsFor(subject: string, codecCase: CodecCase): TableRow[] {
  const bytesPerOp = codecCase.frameBytes;
  return [
    { subject, operation: 'encode: encodeFrame', bytesPerOp, sample: measureRate(codecCase.encodeFrame) },
    { subject, operation: 'encode: encodeFrameParts', bytesPerOp, sample: measureRate(codecCase.encodeFrameParts) },
    { subject, operation: 'decode: split + decodeFrame', bytesPerOp, sample: measureRate(codecCase.decode) },
  ];
}

function main(): void {
  const startedNs = process.hrtime.bigint();
  const pull = pullMessageCase(BODY_BYTES);
  const rows = [
    ...rowsFor('SEND_MESSAGE_V2 request, JSON header', sendMessageV2Case(SerializeType.JSON)),
    ...rowsFor('SEND_MESSAGE_V2 request, ROCKETMQ header', sendMessageV2Case(SerializeType.ROCKETMQ)),
    ...rowsFor(`PULL_MESSAGE response, ${RECORDS_PER_PULL} records`, pull).map((row) =>
      row.operation.startsWith('decode')
        ? { ...row, operation: `decode: split + decodeFrame + walk ${RECORDS_PER_PULL}` }
        : {
            ...row,
            operation: `encode: ${RECORDS_PER_PULL} records + ${row.operation.slice('encode: '.length)}`,
          },
    ),
  ];
  const withCrcPrecomputed = pullMessageCase(BODY_BYTES, true);
  rows.push({
    subject: `PULL_MESSAGE response, ${RECORDS_PER_PULL} records`,
    operation: `encode: ${RECORDS_PER_PULL} records (CRC precomputed) + encodeFrame`,
    bytesPerOp: withCrcPrecomputed.frameBytes,
    sample: measureRate(withCrcPrecomputed.encodeFrame),
  });
  const elapsedS = Number(process.hrtime.bigint() - startedNs) / 1e9;
  console.log(`node ${process.version}, ${BODY_BYTES}-byte bodies, median of 7 runs of ~200 ms after a 300 ms warm-up`);
  console.log(formatTable(rows));
  console.log(`(${elapsedS.toFixed(1)} s; sink ${benchSink()})`);
}

main();
