/**
 * `npx nx run bench:metrics-hot-path`: the metric work the broker does per stored message, with
 * prom-client label children versus the hot cells of @rocketmq-ts/observability. One "send" is
 * what the broker records for a SEND_MESSAGE_V2: messages and bytes in (two counters), message
 * size and send latency (two histograms), and the remoting hook's request counter and latency
 * histogram, every child resolved beforehand as the broker caches them. Prints ns per send.
 */
import {
  createMetricsRegistry,
  createRemotingMetricsHook,
  METRIC_CATALOGUE,
  registerHotCounter,
  registerHotHistogram,
  type RemotingMetricsHook,
} from '@rocketmq-ts/observability';
import { Registry } from 'prom-client';

import { benchSink, formatTable, measureRate, type TableRow } from './harness';

const NODE = { cluster: 'BenchCluster', node_type: 'broker', node_id: 'bench-a' };
const REQUEST = { code: 310 };
const RESPONSE = { code: 0 };

interface SendRecorders {
  readonly hook: RemotingMetricsHook;
  readonly messagesIn: { inc(amount?: number): void };
  readonly bytesIn: { inc(amount?: number): void };
  readonly messageSize: { observe(value: number): void };
  readonly sendLatency: { observe(value: number): void };
}

function promClientRecorders(): SendRecorders {
  const { metrics } = createMetricsRegistry(
    {
      messagesIn: METRIC_CATALOGUE.brokerMessagesInTotal,
      bytesIn: METRIC_CATALOGUE.brokerThroughputInBytesTotal,
      messageSize: METRIC_CATALOGUE.brokerMessageSizeBytes,
      sendLatency: METRIC_CATALOGUE.brokerSendLatencyMilliseconds,
      requests: METRIC_CATALOGUE.remotingRequestsTotal,
      requestLatency: METRIC_CATALOGUE.remotingRequestLatencyMilliseconds,
    },
    { collectDefaultMetrics: false, defaultLabels: NODE },
  );
  return {
    hook: createRemotingMetricsHook({ requestsTotal: metrics.requests, requestLatencyMilliseconds: metrics.requestLatency }),
    messagesIn: metrics.messagesIn.labels('BenchmarkTest'),
    bytesIn: metrics.bytesIn.labels('BenchmarkTest'),
    messageSize: metrics.messageSize.labels('BenchmarkTest'),
    sendLatency: metrics.sendLatency,
  };
}

function hotRecorders(): SendRecorders {
  const registry = new Registry();
  registry.setDefaultLabels(NODE);
  return {
    hook: createRemotingMetricsHook({
      requestsTotal: registerHotCounter(METRIC_CATALOGUE.remotingRequestsTotal, registry),
      requestLatencyMilliseconds: registerHotHistogram(METRIC_CATALOGUE.remotingRequestLatencyMilliseconds, registry),
    }),
    messagesIn: registerHotCounter(METRIC_CATALOGUE.brokerMessagesInTotal, registry).labels('BenchmarkTest'),
    bytesIn: registerHotCounter(METRIC_CATALOGUE.brokerThroughputInBytesTotal, registry).labels('BenchmarkTest'),
    messageSize: registerHotHistogram(METRIC_CATALOGUE.brokerMessageSizeBytes, registry).labels('BenchmarkTest'),
    sendLatency: registerHotHistogram(METRIC_CATALOGUE.brokerSendLatencyMilliseconds, registry).labels(),
  };
}

function oneSend(recorders: SendRecorders): () => number {
  let latencyMs = 0.4;
  return () => {
    latencyMs = latencyMs > 3 ? 0.4 : latencyMs + 0.37;
    recorders.messagesIn.inc(1);
    recorders.bytesIn.inc(1024);
    recorders.messageSize.observe(1024);
    recorders.sendLatency.observe(latencyMs);
    recorders.hook.afterResponse(REQUEST, RESPONSE, latencyMs + 0.1);
    return 1;
  };
}

function main(): void {
  const rows: TableRow[] = [
    {
      subject: 'per send: 2 counters, 2 histograms, remoting hook',
      operation: 'prom-client label children',
      bytesPerOp: 0,
      sample: measureRate(oneSend(promClientRecorders())),
    },
    {
      subject: 'per send: 2 counters, 2 histograms, remoting hook',
      operation: 'hot cells (broker)',
      bytesPerOp: 0,
      sample: measureRate(oneSend(hotRecorders())),
    },
  ];
  console.log(`node ${process.version}, median of 7 runs of ~200 ms after a 300 ms warm-up`);
  console.log(formatTable(rows));
  for (const row of rows) console.log(`${row.operation}: ${(1e9 / row.sample.opsPerSecondMedian).toFixed(0)} ns per send`);
  console.log(`(sink ${benchSink()})`);
}

main();
