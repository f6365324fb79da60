import { performance } from 'node:perf_hooks';

import { MQClientError, Producer } from '@rocketmq-ts/client';

import type { ProducerBenchOptions } from '../cli/bench-options';
import { formatLatencyLine, formatTimestamp, latencyMsOf, round3, tpsOf, type BenchSummary } from '../report/summary';
import type { BenchIo } from '../run/bench-io';
import { RunController } from '../run/run-controller';
import { BenchStats } from '../stats/bench-stats';
import { MessageSource, randomBody } from './message-source';

/** Senders back off this long after a failed send, so a broker outage is not a busy loop. */
const FAILURE_PAUSE_MS = 1000;

/**
 * `mqbench producer`: `concurrency` send loops share one Producer, each awaiting its send before the
 * next (Java's benchmark: that many threads, each a synchronous send loop). Prints a line a second
 * and a closing summary; returns the summary of the measured window.
 */
export async function runProducerBench(options: ProducerBenchOptions, io: BenchIo): Promise<BenchSummary> {
  printSettings(options, io);
  const producer = new Producer({
    namesrvAddr: options.namesrvAddr,
    producerGroup: options.producerGroup,
    sendMsgTimeoutMs: options.sendTimeoutMs,
    logger: io.logger,
  });
  await producer.start();
  const source = new MessageSource({
    topic: options.topic,
    body: randomBody(options.messageSize),
    keyEnable: options.keyEnable,
    tagCount: options.tagCount,
  });
  const stats = new BenchStats(false);
  let loggedFailureThisSecond = false;
  const controller = new RunController({
    warmupSeconds: options.warmupSeconds,
    durationSeconds: options.durationSeconds,
    onMeasureStart: () => stats.startMeasuring(),
    onTick: (elapsedMs, warmingUp) => {
      const second = stats.interval.take();
      loggedFailureThisSecond = false;
      io.print(
        `Current Time: ${formatTimestamp(new Date())} Send TPS: ${Math.round((second.successes * 1000) / elapsedMs)} ` +
          `Max RT(ms): ${Math.round(second.maxMicros / 1000)} Average RT(ms): ${(second.avgMicros / 1000).toFixed(3).padStart(7)} ` +
          `Send Failed: ${stats.totalFailures - stats.totalResponseFailures} Response Failed: ${stats.totalResponseFailures}${warmingUp ? ' (warm-up)' : ''}`,
      );
    },
  });

  // -q counts successes: a failed send gives its ticket back.
  let unclaimed = options.messageQuantity > 0 ? options.messageQuantity : Number.POSITIVE_INFINITY;
  let lastSuccessAt = 0;
  const sendLoop = async (): Promise<void> => {
    while (!controller.stopping && unclaimed > 0) {
      unclaimed -= 1;
      const message = source.next();
      const began = performance.now();
      try {
        await producer.send(message);
        lastSuccessAt = performance.now();
        stats.success((lastSuccessAt - began) * 1000);
      } catch (error) {
        unclaimed += 1;
        stats.failure(error instanceof MQClientError && error.responseCode !== undefined);
        if (!loggedFailureThisSecond) {
          loggedFailureThisSecond = true;
          io.logger.warn({ err: error }, 'send failed (further failures this second are only counted)');
        }
        await controller.pause(FAILURE_PAUSE_MS);
      }
    }
  };

  controller.start();
  const loops = Array.from({ length: options.concurrency }, () => sendLoop());
  const allSent = Promise.all(loops);
  await Promise.race([allSent, controller.stopped]);
  // Only a reached -q ends the loops on their own; the window then closes at the last answer.
  const countReached = !controller.stopping;
  controller.stop('count');
  stats.stopMeasuring();
  await allSent;
  await producer.shutdown();

  const measureStart = controller.measureStartedAt;
  const windowEnd = countReached ? lastSuccessAt : (controller.stoppedAt ?? performance.now());
  const seconds = measureStart === undefined ? 0 : Math.max(0, windowEnd - measureStart) / 1000;
  return report(options, io, { seconds, stats });
}

function printSettings(options: ProducerBenchOptions, io: BenchIo): void {
  io.print(
    `topic: ${options.topic} threadCount: ${options.concurrency} messageSize: ${options.messageSize} keyEnable: ${options.keyEnable} ` +
      `tagCount: ${options.tagCount} messageQuantity: ${options.messageQuantity} asyncEnable: ${options.asyncEnable} ` +
      `duration: ${options.durationSeconds} warmup: ${options.warmupSeconds} namesrv: ${options.namesrvAddr}`,
  );
}

/** The summary of the measured window (`seconds` long), printed as Java's benchmark prints it. */
function report(
  options: ProducerBenchOptions,
  io: BenchIo,
  measured: { readonly seconds: number; readonly stats: BenchStats },
): BenchSummary {
  const { seconds, stats } = measured;
  const latencyMs = latencyMsOf(stats.histogram);
  const summary: BenchSummary = {
    mode: 'producer',
    topic: options.topic,
    tps: tpsOf(stats.histogram.count, seconds),
    messages: stats.histogram.count,
    failures: stats.measuredFailures,
    durationSeconds: round3(seconds),
    latencyMs,
    size: options.messageSize,
    concurrency: options.concurrency,
    async: options.asyncEnable,
    group: options.producerGroup,
  };
  io.print(
    `[Complete] Send Total: ${stats.totalSuccesses + stats.totalFailures} Send TPS: ${Math.round(summary.tps)} Max RT(ms): ${Math.round(latencyMs.max)} ` +
      `Average RT(ms): ${latencyMs.avg.toFixed(3).padStart(7)} Send Failed: ${stats.totalFailures - stats.totalResponseFailures} Response Failed: ${stats.totalResponseFailures}`,
  );
  io.print(`${formatLatencyLine('Send', latencyMs)} (${summary.messages} messages in ${summary.durationSeconds} s measured)`);
  return summary;
}
