import { createTempDir, spawnProcess } from '@rocketmq-ts/testing';

import { asArray, asNumber, asRecord, asString } from './lenient-json';
import { JAVA_BIN } from './paths';

export interface ProducerSummary {
  sendOk: number;
  msgIds: string[];
  keys: string[];
  sendLines: Record<string, unknown>[];
}

export interface ConsumerSummary {
  received: number;
  complete: boolean;
  msgIds: string[];
  keys: string[];
}

async function runJava(
  name: string,
  program: string,
  args: string[],
  timeoutMs: number,
): Promise<{ code: number | null; summary: Record<string, unknown>; lines: string[] }> {
  const home = createTempDir('java-client');
  try {
    const child = spawnProcess({
      name,
      command: `${JAVA_BIN}/run-client.sh`,
      args: [program, ...args],
      env: { CLIENT_HOME: home.path },
      logFile: true,
    });
    const exit = await child.waitForExit({ timeoutMs, reason: `${name} (${program} ${args.join(' ')}) finished` });
    const lines = child.lines().map((line) => line.text);
    const summaryLine = lines.find((line) => line.startsWith('SUMMARY '));
    if (!summaryLine) throw new Error(`${name} exited with ${JSON.stringify(exit)} without a SUMMARY line\n${child.tail(40)}`);
    return { code: exit.code, summary: asRecord(JSON.parse(summaryLine.slice('SUMMARY '.length)) as unknown, 'SUMMARY'), lines };
  } finally {
    home.remove();
  }
}

function strings(value: unknown, what: string): string[] {
  return asArray(value, what).map((item, i) => asString(item, `${what}[${i}]`));
}

/** InteropProducer: `count` synchronous sends through the official Java client, given only the namesrv address. */
export async function runJavaProducer(options: {
  namesrv: string;
  topic: string;
  count: number;
  keyPrefix: string;
  timeoutMs?: number;
}): Promise<ProducerSummary> {
  const { summary, lines } = await runJava(
    `java-producer(${options.topic})`,
    'InteropProducer',
    ['-n', options.namesrv, '-t', options.topic, '-c', String(options.count), '--key-prefix', options.keyPrefix],
    options.timeoutMs ?? 120_000,
  );
  return {
    sendOk: asNumber(summary['sendOk'], 'sendOk'),
    msgIds: strings(summary['msgIds'], 'msgIds'),
    keys: strings(summary['keys'], 'keys'),
    sendLines: lines.filter((line) => line.startsWith('SEND ')).map((line) => asRecord(JSON.parse(line.slice(5)) as unknown, 'SEND')),
  };
}

/** InteropConsumer: push-consumes from the first offset until `count` distinct messages arrived or the timeout. */
export async function runJavaConsumer(options: {
  namesrv: string;
  topic: string;
  group: string;
  count: number;
  timeoutMs?: number;
}): Promise<ConsumerSummary> {
  const consumeTimeoutMs = options.timeoutMs ?? 90_000;
  const { summary } = await runJava(
    `java-consumer(${options.group})`,
    'InteropConsumer',
    [
      '-n',
      options.namesrv,
      '-t',
      options.topic,
      '-g',
      options.group,
      '-c',
      String(options.count),
      '--timeout-ms',
      String(consumeTimeoutMs),
    ],
    consumeTimeoutMs + 60_000,
  );
  return {
    received: asNumber(summary['received'], 'received'),
    complete: summary['complete'] === true,
    msgIds: strings(summary['msgIds'], 'msgIds'),
    keys: strings(summary['keys'], 'keys'),
  };
}
