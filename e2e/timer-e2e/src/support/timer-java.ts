import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { type ManagedProcess, runJava, startJava, suiteTempDir } from '@rocketmq-ts/testing';

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

/** TimerProducer: `count` messages due at start + delayMs + spreadMs × i / count; returns `start`. */
export async function produceTimerMessages(options: {
  namesrv: string;
  topic: string;
  count: number;
  delayMs: number;
  spreadMs: number;
}): Promise<number> {
  const run = await runJava(
    'TimerProducer',
    [
      '-n',
      options.namesrv,
      '-t',
      options.topic,
      '-c',
      String(options.count),
      '--delay-ms',
      String(options.delayMs),
      '--spread-ms',
      String(options.spreadMs),
      '--key-prefix',
      options.topic,
    ],
    120_000,
  );
  const { start, sentMs, sendOk } = run.summary;
  if (run.exitCode !== 0 || typeof start !== 'number')
    throw new Error(`TimerProducer ${options.topic} failed (exit ${run.exitCode}): ${JSON.stringify(run.summary)}`);
  process.stdout.write(`[timer-e2e] ${options.topic}: ${String(sendOk)} sent in ${String(sentMs)} ms\n`);
  return start;
}

export interface RunningTimerConsumer {
  readonly process: ManagedProcess;
  /** Waits for the consumer to finish and reads every delivery it recorded. */
  deliveries(timeoutMs: number): Promise<Delivery[]>;
}

/** TimerConsumer on `topic` until `count` distinct keys arrived; resolves once it printed STARTED. */
export async function startTimerConsumer(options: {
  namesrv: string;
  topic: string;
  group: string;
  count: number;
  timeoutMs: number;
}): Promise<RunningTimerConsumer> {
  const out = join(suiteTempDir('timer-e2e-deliveries').path, 'deliveries.tsv');
  const running = startJava('TimerConsumer', [
    '-n',
    options.namesrv,
    '-t',
    options.topic,
    '-g',
    options.group,
    '-c',
    String(options.count),
    '--timeout-ms',
    String(options.timeoutMs),
    '--out',
    out,
  ]);
  await running.child.waitForOutput(/^STARTED /, { timeoutMs: 60_000, reason: `TimerConsumer ${options.topic} started` });
  return {
    process: running.child,
    deliveries: async (timeoutMs) => {
      await running.finished(timeoutMs);
      return parseDeliveries(readFileSync(out, 'utf8'));
    },
  };
}

function parseDeliveries(text: string): Delivery[] {
  return text
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => {
      const [key = '', deliverAt, receivedAt, queueId, queueOffset, timerOutMs] = line.split('\t');
      return {
        key,
        deliverAt: Number(deliverAt),
        receivedAt: Number(receivedAt),
        queueId: Number(queueId),
        queueOffset: Number(queueOffset),
        timerOutMs: Number(timerOutMs),
      };
    });
}
