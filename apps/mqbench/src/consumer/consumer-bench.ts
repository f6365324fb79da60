import { performance } from 'node:perf_hooks';

import { type ConsumeConcurrentlyStatus, type MessageExt, PushConsumer } from '@rocketmq-ts/client';

import type { ConsumerBenchOptions } from '../cli/bench-options';
import { formatLatencyLine, latencyMsOf, round3, tpsOf, type BenchSummary } from '../report/summary';
import type { BenchIo } from '../run/bench-io';
import { RunController } from '../run/run-controller';
import { BenchStats, IntervalCounter } from '../stats/bench-stats';
import { LatencyHistogram } from '../stats/latency-histogram';

const MICROS_PER_MS = 1000;

/**
 * `mqbench consumer`: a PushConsumer on the topic whose listener only measures. Latencies are Java's:
 * born → consumed (B2C, the headline) and stored → consumed (S2C), both from the message's
 * millisecond timestamps, so producer and broker clocks must agree (same host, or NTP).
 *
 * The measured window opens at the first message after the warm-up (start-up and rebalance
 * excluded) and closes at the stop, or at the last message when `-q` was reached.
 */
export async function runConsumerBench(options: ConsumerBenchOptions, io: BenchIo): Promise<BenchSummary> {
  printSettings(options, io);
  const stats = new BenchStats(false);
  const storeToConsume = { interval: new IntervalCounter(), histogram: new LatencyHistogram() };
  const bornToStore = new LatencyHistogram();
  let firstMeasuredAt: number | undefined;
  let lastMeasuredAt = 0;
  let measuredBodyBytes = 0;
  const controller = new RunController({
    warmupSeconds: options.warmupSeconds,
    durationSeconds: options.durationSeconds,
    onMeasureStart: () => {
      stats.startMeasuring();
      storeToConsume.histogram.reset();
      bornToStore.reset();
    },
    onTick: (elapsedMs, warmingUp) => {
      const b2c = stats.interval.take();
      const s2c = storeToConsume.interval.take();
      io.print(
        `Current Time: ${Date.now()} TPS: ${Math.round(((b2c.successes + b2c.failures) * 1000) / elapsedMs)} FAIL: ${b2c.failures} ` +
          `AVG(B2C) RT(ms): ${(b2c.avgMicros / MICROS_PER_MS).toFixed(3).padStart(7)} AVG(S2C) RT(ms): ${(s2c.avgMicros / MICROS_PER_MS).toFixed(3).padStart(7)} ` +
          `MAX(B2C) RT(ms): ${Math.round(b2c.maxMicros / MICROS_PER_MS)} MAX(S2C) RT(ms): ${Math.round(s2c.maxMicros / MICROS_PER_MS)}${warmingUp ? ' (warm-up)' : ''}`,
      );
    },
  });

  const consumer = new PushConsumer({
    namesrvAddr: options.namesrvAddr,
    consumerGroup: options.consumerGroup,
    consumeFromWhere: options.consumeFrom === 'first' ? 'CONSUME_FROM_FIRST_OFFSET' : 'CONSUME_FROM_LAST_OFFSET',
    consumeThreadMax: options.concurrency,
    logger: io.logger,
  });
  consumer.subscribe(options.topic, '*');
  // A plain function, not async: the consumer takes a bare status, and a promise a message is garbage.
  consumer.onMessage((message: MessageExt): ConsumeConcurrentlyStatus | undefined => {
    if (controller.stopping) return undefined;
    const now = Date.now();
    if (options.failRate > 0 && Math.random() < options.failRate) {
      stats.failure(false);
      return 'RECONSUME_LATER';
    }
    const measuring = stats.isMeasuring;
    stats.success((now - message.bornTimestamp) * MICROS_PER_MS);
    storeToConsume.interval.success((now - message.storeTimestamp) * MICROS_PER_MS);
    if (measuring) {
      storeToConsume.histogram.record((now - message.storeTimestamp) * MICROS_PER_MS);
      bornToStore.record((message.storeTimestamp - message.bornTimestamp) * MICROS_PER_MS);
      measuredBodyBytes += message.body.length;
      lastMeasuredAt = performance.now();
      firstMeasuredAt ??= lastMeasuredAt;
      if (options.messageQuantity > 0 && stats.histogram.count >= options.messageQuantity) controller.stop('count');
    }
    return undefined;
  });

  controller.start();
  try {
    await consumer.start();
  } catch (error) {
    controller.stop('error');
    throw error;
  }
  const reason = await controller.stopped;
  stats.stopMeasuring();
  await consumer.shutdown();

  const windowEnd = reason === 'count' ? lastMeasuredAt : (controller.stoppedAt ?? performance.now());
  const seconds = firstMeasuredAt === undefined ? 0 : Math.max(0, windowEnd - firstMeasuredAt) / 1000;
  return report(options, io, { seconds, stats, storeToConsume: storeToConsume.histogram, bornToStore, measuredBodyBytes });
}

function printSettings(options: ConsumerBenchOptions, io: BenchIo): void {
  io.print(
    `topic: ${options.topic}, threadCount ${options.concurrency}, group: ${options.consumerGroup}, from: ${options.consumeFrom}, ` +
      `failRate: ${options.failRate}, messageQuantity: ${options.messageQuantity}, duration: ${options.durationSeconds}, warmup: ${options.warmupSeconds}, ` +
      `namesrv: ${options.namesrvAddr}`,
  );
}

/** What the measured window collected. */
interface ConsumerMeasurement {
  readonly seconds: number;
  readonly stats: BenchStats;
  readonly storeToConsume: LatencyHistogram;
  readonly bornToStore: LatencyHistogram;
  readonly measuredBodyBytes: number;
}

/** The summary of the measured window, printed as Java's benchmark prints it. */
function report(options: ConsumerBenchOptions, io: BenchIo, measured: ConsumerMeasurement): BenchSummary {
  const { seconds, stats, storeToConsume, bornToStore, measuredBodyBytes } = measured;
  const messages = stats.histogram.count;
  const latencyMs = latencyMsOf(stats.histogram);
  const storeToConsumeMs = latencyMsOf(storeToConsume);
  const bornToStoreMs = latencyMsOf(bornToStore);
  const summary: BenchSummary = {
    mode: 'consumer',
    topic: options.topic,
    tps: tpsOf(messages, seconds),
    messages,
    failures: stats.measuredFailures,
    durationSeconds: round3(seconds),
    latencyMs,
    size: messages === 0 ? 0 : Math.round(measuredBodyBytes / messages),
    concurrency: options.concurrency,
    group: options.consumerGroup,
    storeToConsumeMs,
    bornToStoreMs,
  };
  io.print(
    `[Complete] Consume Total: ${stats.totalSuccesses + stats.totalFailures} Consume TPS: ${Math.round(summary.tps)} FAIL: ${stats.totalFailures} ` +
      `AVG(B2C) RT(ms): ${latencyMs.avg.toFixed(3).padStart(7)} MAX(B2C) RT(ms): ${Math.round(latencyMs.max)}`,
  );
  io.print(`${formatLatencyLine('B2C', latencyMs)} (${messages} messages in ${summary.durationSeconds} s measured)`);
  io.print(formatLatencyLine('S2C', storeToConsumeMs));
  io.print(formatLatencyLine('Born to store', bornToStoreMs));
  return summary;
}
