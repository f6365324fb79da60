import { writeFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';

import type { Logger } from '@rocketmq-ts/base';
import { MQAdmin, Producer } from '@rocketmq-ts/client';

import { ConsumerPool } from '../client/consumer-pool';
import { Ledger } from '../client/ledger';
import { MessageFactory } from '../client/message-factory';
import { ensureTopic, mastersByBrokerName } from '../client/topic-setup';
import { parseDuration } from '../config/duration';
import type { IterationFunction, ScenarioOptions } from '../config/scenario-options';
import { createExecutor, type PlannedExecutor } from '../executors/create-executor';
import { realClock } from '../executors/executor';
import { killMaster } from '../hooks/kill-master';
import { startMetricsServer } from '../metrics/metrics-server';
import { RunMetrics } from '../metrics/run-metrics';
import { formatSummary, metricsForJson, statsOf, type SummaryJson } from '../report/summary';
import { evaluateThresholds } from '../report/thresholds';
import type { CliArgs } from './cli-args';
import { kneeOf, progressLine } from './progress';
import { iterationRunner } from './send-context';

export interface RunInput {
  readonly name: string;
  readonly options: ScenarioOptions;
  readonly iteration?: IterationFunction;
  readonly args: CliArgs;
  readonly logger: Logger;
  readonly print: (line: string) => void;
  /** Aborted on SIGINT/SIGTERM: the executor stops early, the summary is still printed. */
  readonly signal: AbortSignal;
}

/** Failover and lag scenarios refresh routes often, so a dead master is noticed within a second or two. */
const ROUTE_REFRESH_MS = 1_000;

/** One run of a scenario: set up, execute, drain, judge. Returns the summary; the caller picks the exit code. */
export async function runScenario(input: RunInput): Promise<SummaryJson> {
  const { options, args, print } = input;
  const testid = args.testid ?? `${input.name}-${Date.now().toString(36)}`;
  const executor = createExecutor(options.executor, args.durationMs);
  const metrics = new RunMetrics(testid, input.name);
  const server = await startMetricsServer(metrics.registry, args.metricsPort, args.metricsHost);
  print(`loadtest ${input.name}: ${options.description}`);
  print(`testid ${testid}; metrics on http://${server.address}/metrics; name server ${args.namesrvAddr}`);
  const admin = new MQAdmin({ namesrvAddr: args.namesrvAddr, logger: input.logger });
  const ledger = new Ledger();
  const factory = new MessageFactory(options.topic, testid, options.message);
  const producerGroup = `loadtest_${input.name}`.replace(/[^\w-]/g, '_');
  const producers = Array.from(
    { length: options.producers ?? 1 },
    () => new Producer({ namesrvAddr: args.namesrvAddr, producerGroup, routeRefreshIntervalMs: ROUTE_REFRESH_MS, logger: input.logger }),
  );
  const consumers = new ConsumerPool(
    {
      namesrvAddr: args.namesrvAddr,
      topic: options.topic,
      group: `loadtest_${testid}`.replace(/[^\w-]/g, '_'),
      testid,
      fromTimestamp: Date.now() - 5_000,
      routeRefreshIntervalMs: ROUTE_REFRESH_MS,
      logger: input.logger,
    },
    options.consumers ?? {},
    { expectedSize: (seq) => factory.sizes[seq % factory.sizes.length] ?? 0, ledger, metrics },
  );
  let started = 0;
  let finished = 0;
  try {
    await ensureTopic(admin, options.topic, options.queues ?? 8);
    await Promise.all(producers.map((producer) => producer.start()));
    await consumers.start();
    started = performance.now();
    const knee = await execute(input, { executor, metrics, ledger, admin, producers, factory });
    finished = performance.now();
    await drain(input, metrics, ledger);
    const seconds = (finished - started) / 1000;
    const lostSample = (options.consumers?.count ?? 0) > 0 ? ledger.missing(20) : [];
    const lost = (options.consumers?.count ?? 0) > 0 ? ledger.lag : 0;
    const stats = statsOf(metrics, seconds, lost);
    const thresholds = evaluateThresholds(options.thresholds ?? {}, stats);
    const summary: SummaryJson = {
      scenario: input.name,
      testid,
      executor: executor.name,
      durationSeconds: Math.round(seconds * 1000) / 1000,
      passed: thresholds.every((result) => result.ok),
      metrics: metricsForJson(stats),
      sendErrorsByCode: Object.fromEntries(metrics.errorsByCode),
      checks: Object.fromEntries(metrics.checks),
      thresholds,
      knee,
      lostSample,
      duplicates: ledger.duplicates,
    };
    print(formatSummary(summary));
    if (args.summaryExport !== undefined) writeFileSync(args.summaryExport, `${JSON.stringify(summary, null, 2)}\n`);
    return summary;
  } finally {
    await consumers.shutdown();
    await Promise.allSettled(producers.map((producer) => producer.shutdown()));
    await admin.close();
    await server.close();
  }
}

/** What a run drives and records into while it executes. */
interface RunParts {
  readonly executor: PlannedExecutor;
  readonly metrics: RunMetrics;
  readonly ledger: Ledger;
  readonly admin: MQAdmin;
  readonly producers: readonly Producer[];
  readonly factory: MessageFactory;
}

async function execute(input: RunInput, parts: RunParts): Promise<SummaryJson['knee']> {
  const { executor, metrics, ledger, admin } = parts;
  const { options, args, print } = input;
  const start = performance.now();
  let knee: SummaryJson['knee'] = null;
  let lastTick = start;
  let lastConsumed = 0;
  const ticker = setInterval(() => {
    const now = performance.now();
    const seconds = (now - lastTick) / 1000;
    lastTick = now;
    const interval = metrics.takeInterval();
    metrics.setLag(ledger.lag);
    const consumedPerSecond = (metrics.consumed - lastConsumed) / seconds;
    lastConsumed = metrics.consumed;
    const tick = { executor, interval, seconds, elapsedMs: now - start };
    if (!args.quiet) print(progressLine(tick, { vus: metrics.vus, consumedPerSecond, lag: ledger.lag }));
    if (knee === null) {
      knee = kneeOf(options, tick);
      if (knee !== null)
        print(
          `knee: target ${Math.round(knee.targetRate)}/s, achieved ${Math.round(knee.achievedRate)}/s, p99 ${knee.p99Ms.toFixed(2)}ms at ${knee.atSecond}s`,
        );
    }
  }, 1_000);
  const failover = options.failover;
  let killed: Promise<void> = Promise.resolve();
  const killTimer =
    failover === undefined
      ? undefined
      : setTimeout(
          () => {
            killed = (async () => {
              const masters = await mastersByBrokerName(admin);
              const brokerName = failover.brokerName ?? [...masters.keys()].sort()[0];
              const addr = brokerName === undefined ? undefined : masters.get(brokerName);
              if (brokerName === undefined || addr === undefined)
                throw new Error(`failover: no master ${failover.brokerName ?? ''} registered with the name server`);
              print(`failover: ${await killMaster({ brokerName, addr }, args.killCommand)}`);
            })().catch((error: unknown) => {
              print(`failover: ${(error as Error).message}`);
              metrics.check('master killed', false);
            });
          },
          failover.at.endsWith('%') ? (executor.durationMs * Number.parseFloat(failover.at)) / 100 : parseDuration(failover.at),
        );
  try {
    await executor.run({
      run: iterationRunner(
        { producers: parts.producers, factory: parts.factory, ledger, metrics, sendTimeoutMs: options.sendTimeoutMs ?? 3_000 },
        input.iteration,
      ),
      events: { onDropped: () => metrics.droppedIteration(), onVus: (count) => metrics.setVus(count) },
      clock: realClock,
      signal: input.signal,
    });
  } finally {
    clearInterval(ticker);
    if (killTimer !== undefined) clearTimeout(killTimer);
    await killed;
  }
  return knee;
}

/** Waits until the consumers have read every acknowledged message, at most drainTimeout. */
async function drain(input: RunInput, metrics: RunMetrics, ledger: Ledger): Promise<void> {
  metrics.setVus(0);
  if ((input.options.consumers?.count ?? 0) === 0) return;
  const timeoutMs = parseDuration(input.options.drainTimeout ?? '30s');
  const deadline = performance.now() + timeoutMs;
  if (ledger.lag > 0) input.print(`draining: ${ledger.lag} acknowledged messages not consumed yet (at most ${timeoutMs / 1000} s)`);
  while (ledger.lag > 0 && performance.now() < deadline && !input.signal.aborted) {
    metrics.setLag(ledger.lag);
    await sleep(250);
  }
  metrics.setLag(ledger.lag);
}
