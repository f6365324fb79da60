import { javaLines, runJava } from '../java-client';

import type { Ack } from './ons';

const JAVA_TIMEOUT_MS = 180_000;

/** The official Java client's quickstart producer: `count` keyed messages, one SEND line per SEND_OK. */
export async function javaSend(namesrvAddrs: readonly string[], topic: string, keyPrefix: string, count: number): Promise<Ack[]> {
  const run = await runJava(
    'InteropProducer',
    ['-n', namesrvAddrs.join(';'), '-t', topic, '-c', String(count), '--key-prefix', keyPrefix],
    JAVA_TIMEOUT_MS,
  );
  return javaLines(run, 'SEND')
    .filter((line) => line['status'] === 'SEND_OK')
    .map((line) => ({ key: String(line['key']), brokerName: String(line['broker']), atMs: Date.now() }));
}

/** The Java push consumer (a new group, from the first offset) until it saw `count` messages; the keys it received. */
export async function javaReceive(namesrvAddrs: readonly string[], topic: string, group: string, count: number): Promise<Set<string>> {
  const run = await runJava(
    'InteropConsumer',
    ['-n', namesrvAddrs.join(';'), '-t', topic, '-g', group, '-c', String(count), '--timeout-ms', '120000'],
    JAVA_TIMEOUT_MS,
  );
  return new Set(javaLines(run, 'RECV').map((line) => String(line['key'])));
}
