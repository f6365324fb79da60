/**
 * `npx nx run bench:headers`: ns per decode and per encode of the per-message custom headers,
 * the ones every send and pull reads (SEND_MESSAGE_V2 as a broker reads it, SEND_MESSAGE, the
 * pull request and its response). Prints one table; asserts nothing. The extFields are what a
 * Java producer or consumer sends. See tools/bench/README.md for how to read a rate.
 */
import type { ExtFields } from '@rocketmq-ts/protocol';
import {
  PullMessageRequestHeader,
  PullMessageResponseHeader,
  SendMessageRequestHeader,
  SendMessageRequestHeaderV2,
} from '@rocketmq-ts/protocol';

import { benchSink, measureRate, type RateSample } from './harness';

const SEND_V2_EXT: ExtFields = {
  a: 'bench-producer-group',
  b: 'BenchTopic',
  c: 'TBW102',
  d: '4',
  e: '3',
  f: '0',
  g: '1733616000123',
  h: '0',
  i: 'KEYS\u0001order-42\u0002TAGS\u0001TagA\u0002UNIQ_KEY\u00017F0000010A2B18B4AAC25C7F3E8D0000\u0002WAIT\u0001true\u0002',
  j: '0',
  k: 'false',
  m: 'false',
  n: 'broker-a',
};
const SEND_EXT: ExtFields = SendMessageRequestHeader.encode(SendMessageRequestHeaderV2.decodeAsV1(SEND_V2_EXT));
const PULL_EXT: ExtFields = {
  consumerGroup: 'bench-consumer-group',
  topic: 'BenchTopic',
  queueId: '3',
  queueOffset: '1048576',
  maxMsgNums: '32',
  sysFlag: '3',
  commitOffset: '1048544',
  suspendTimeoutMillis: '15000',
  subscription: 'TagA || TagB',
  subVersion: '1733616000123',
  expressionType: 'TAG',
};
const PULL_RESPONSE_EXT: ExtFields = { suggestWhichBrokerId: '0', nextBeginOffset: '1048608', minOffset: '0', maxOffset: '2097152' };

interface Row {
  readonly subject: string;
  readonly operation: string;
  readonly sample: RateSample;
}

function rowsFor<T>(subject: string, ext: ExtFields, codec: { decode(ext: ExtFields): T; encode(header: T): ExtFields }): Row[] {
  const header = codec.decode(ext);
  return [
    { subject, operation: 'decode', sample: measureRate(() => (codec.decode(ext) === header ? 0 : 1)) },
    { subject, operation: 'encode', sample: measureRate(() => (codec.encode(header) === ext ? 0 : 1)) },
  ];
}

function format(rows: readonly Row[]): string {
  const ns = (opsPerSecond: number): string => (1e9 / opsPerSecond).toFixed(0);
  const lines = rows.map(({ subject, operation, sample }) => [
    subject,
    operation,
    ns(sample.opsPerSecondMedian),
    `${ns(sample.opsPerSecondMax)}..${ns(sample.opsPerSecondMin)}`,
  ]);
  const header = ['header', 'op', 'ns/op (median)', 'ns/op min..max'];
  const widths = header.map((title, column) => Math.max(title.length, ...lines.map((line) => (line[column] ?? '').length)));
  const render = (cells: readonly string[]): string =>
    `| ${cells.map((cell, column) => (column >= 2 ? cell.padStart(widths[column] ?? 0) : cell.padEnd(widths[column] ?? 0))).join(' | ')} |`;
  return [render(header), `|${widths.map((width) => '-'.repeat(width + 2)).join('|')}|`, ...lines.map(render)].join('\n');
}

function main(): void {
  const rows = [
    ...rowsFor('SEND_MESSAGE_V2 (decodeAsV1 / encodeFromV1)', SEND_V2_EXT, {
      decode: (ext: ExtFields) => SendMessageRequestHeaderV2.decodeAsV1(ext),
      encode: (header: SendMessageRequestHeader) => SendMessageRequestHeaderV2.encodeFromV1(header),
    }),
    ...rowsFor('SEND_MESSAGE (long names)', SEND_EXT, SendMessageRequestHeader),
    ...rowsFor('PULL_MESSAGE request', PULL_EXT, PullMessageRequestHeader),
    ...rowsFor('PULL_MESSAGE response', PULL_RESPONSE_EXT, PullMessageResponseHeader),
  ];
  console.log(`node ${process.version}, median of 7 runs of ~200 ms after a 300 ms warm-up`);
  console.log(format(rows));
  console.log(`(sink ${benchSink()})`);
}

main();
