import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { createTempDir, JAVA_INTEROP_DIR, type ManagedProcess, spawnProcess, suiteTempDir } from '@rocketmq-ts/testing';

/** One delivery as TimerConsumer saw it (duplicates are separate deliveries). */
export interface Delivery {
  readonly key: string;
  readonly deliverAt: number;
  readonly receivedAt: number;
  readonly queueId: number;
  readonly queueOffset: number;
  /** The broker's slot (TIMER_OUT_MS), NaN when the broker stamped none. */
  readonly timerOutMs: number;
}

function javaClient(name: string, program: string, args: readonly string[]): ManagedProcess {
  const home = suiteTempDir('timer-e2e-java');
  return spawnProcess({ name, command: `${JAVA_INTEROP_DIR}/bin/run-client.sh`, args: [program, ...args], env: { CLIENT_HOME: home.path }, logFile: true });
}

/** TimerProducer: `count` messages due at start + delayMs + spreadMs × i / count; returns `start`. */
export async function produceTimerMessages(options: { namesrv: string; topic: string; count: number; delayMs: number; spreadMs: number }): Promise<number> {
  const child = javaClient(`timer-producer(${options.topic})`, 'TimerProducer', [
    '-n', options.namesrv, '-t', options.topic, '-c', String(options.count), '--delay-ms', String(options.delayMs), '--spread-ms', String(options.spreadMs), '--key-prefix', options.topic,
  ]);
  const exit = await child.waitForExit({ timeoutMs: 120_000, reason: `TimerProducer ${options.topic} finished` });
  const summaryLine = child.lines().map((line) => line.text).find((text) => text.startsWith('SUMMARY '));
  if (exit.code !== 0 || summaryLine === undefined) throw new Error(`TimerProducer ${options.topic} failed (${JSON.stringify(exit)})\n${child.tail(30)}`);
  const summary = JSON.parse(summaryLine.slice('SUMMARY '.length)) as { start: number; sentMs: number; sendOk: number };
  process.stdout.write(`[timer-e2e] ${options.topic}: ${summary.sendOk} sent in ${summary.sentMs} ms\n`);
  return summary.start;
}

export interface RunningTimerConsumer {
  readonly process: ManagedProcess;
  /** Waits for the consumer to finish and reads every delivery it recorded. */
  deliveries(timeoutMs: number): Promise<Delivery[]>;
}

/** TimerConsumer on `topic` until `count` distinct keys arrived; resolves once it printed STARTED. */
export async function startTimerConsumer(options: { namesrv: string; topic: string; group: string; count: number; timeoutMs: number }): Promise<RunningTimerConsumer> {
  const dir = createTempDir('timer-e2e-deliveries');
  const out = join(dir.path, 'deliveries.tsv');
  const child = javaClient(`timer-consumer(${options.topic})`, 'TimerConsumer', [
    '-n', options.namesrv, '-t', options.topic, '-g', options.group, '-c', String(options.count), '--timeout-ms', String(options.timeoutMs), '--out', out,
  ]);
  await child.waitForOutput(/^STARTED /, { timeoutMs: 60_000, reason: `TimerConsumer ${options.topic} started` });
  return {
    process: child,
    deliveries: async (timeoutMs) => {
      await child.waitForExit({ timeoutMs, reason: `TimerConsumer ${options.topic} finished` });
      try {
        return parseDeliveries(readFileSync(out, 'utf8'));
      } finally {
        dir.remove();
      }
    },
  };
}

function parseDeliveries(text: string): Delivery[] {
  return text
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => {
      const [key = '', deliverAt, receivedAt, queueId, queueOffset, timerOutMs] = line.split('\t');
      return { key, deliverAt: Number(deliverAt), receivedAt: Number(receivedAt), queueId: Number(queueId), queueOffset: Number(queueOffset), timerOutMs: Number(timerOutMs) };
    });
}
