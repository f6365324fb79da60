/**
 * Pull throughput by filter kind, over the wire against a real broker process (bin/mqbroker with
 * enablePropertyFilter=true): no filter (`*`), a TAG filter, and two SQL92 filters. Every mode
 * pulls the same stored messages from offset 0 to the end of every queue, 32 per PULL_MESSAGE,
 * one request at a time, and prints messages delivered/s and entries scanned/s. Printed, never
 * asserted: the figures depend on the machine and on what else runs on it.
 *
 *   npx nx run bench:pull-filter          (MESSAGES=20000 by default)
 */
import { performance } from 'node:perf_hooks';

import { silentLogger } from '@rocketmq-ts/base';
import { Producer } from '@rocketmq-ts/client';
import { buildPullSysFlag, iterateMessageRecords } from '@rocketmq-ts/model';
import { createRequest, PullMessageRequestHeader, PullMessageResponseHeader, RequestCode, ResponseCode } from '@rocketmq-ts/protocol';
import { RemotingClient } from '@rocketmq-ts/remoting';
import { startLocalBroker, startLocalNamesrv } from '@rocketmq-ts/testing';

const MESSAGES = Number(process.env['MESSAGES'] ?? 20_000);
const BODY = Buffer.alloc(256, 'x');
const SYS_FLAG = buildPullSysFlag({ commitOffset: false, suspend: false, subscription: true });

interface Mode {
  readonly subject: string;
  readonly expressionType: 'TAG' | 'SQL92';
  readonly subscription: string;
}

const MODES: readonly Mode[] = [
  { subject: 'none (*)', expressionType: 'TAG', subscription: '*' },
  { subject: "TAG 'TagA' (half match)", expressionType: 'TAG', subscription: 'TagA' },
  { subject: "SQL92 TAGS = 'TagA' (half match)", expressionType: 'SQL92', subscription: "TAGS = 'TagA'" },
  { subject: "SQL92 a > 50 AND b IN ('x','y') (quarter match)", expressionType: 'SQL92', subscription: "a > 50 AND b IN ('x','y')" },
];

async function main(): Promise<void> {
  const namesrv = await startLocalNamesrv({ label: 'bench-pull-filter-namesrv' });
  const broker = await startLocalBroker({
    label: 'bench-pull-filter',
    namesrvAddr: namesrv.addr,
    brokerName: 'bench-pull-filter',
    settings: { enablePropertyFilter: 'true' },
  });
  const client = new RemotingClient({ logger: silentLogger });
  const producer = new Producer({ namesrvAddr: namesrv.addr, producerGroup: 'bench_pull_filter_pg' });
  try {
    const topic = `bench_pull_filter_${Date.now()}`;
    await producer.start();
    const queues = await fill(producer, topic);
    console.log(
      `Pull throughput by filter, ${MESSAGES} messages of ${BODY.length} B in ${queues} queues, 32 per pull, one pull at a time\n`,
    );
    console.log(
      [
        'filter'.padEnd(50),
        'delivered msg/s'.padStart(16),
        'scanned msg/s'.padStart(14),
        'delivered'.padStart(10),
        'time'.padStart(9),
      ].join(' '),
    );
    for (const mode of MODES) {
      const { delivered, scanned, ms } = await pullAll(client, broker.addr, { topic, queues, mode });
      const perSecond = (count: number): string => String(Math.round((count / ms) * 1000));
      console.log(
        [
          mode.subject.padEnd(50),
          perSecond(delivered).padStart(16),
          perSecond(scanned).padStart(14),
          String(delivered).padStart(10),
          `${ms.toFixed(0)} ms`.padStart(9),
        ].join(' '),
      );
    }
  } finally {
    await producer.shutdown();
    await client.close();
    await broker.process.stop();
    await namesrv.process.stop();
    broker.dir.remove();
    namesrv.dir.remove();
  }
}

/** Sends MESSAGES messages, TagA/TagB alternately, a = 0..99, b in w/x/y/z; returns the queue count. */
async function fill(producer: Producer, topic: string): Promise<number> {
  const queues = new Set<number>();
  const inFlight = 32;
  for (let start = 0; start < MESSAGES; start += inFlight) {
    const batch = [];
    for (let i = start; i < Math.min(MESSAGES, start + inFlight); i++) {
      const properties = { a: String(i % 100), b: 'wxyz'[Math.floor(i / 2) % 4] as string };
      batch.push(producer.send({ topic, tags: i % 2 === 0 ? 'TagA' : 'TagB', body: BODY, properties }));
    }
    for (const result of await Promise.all(batch)) queues.add(result.messageQueue.queueId);
  }
  return Math.max(...queues) + 1;
}

interface PullAllArgs {
  readonly topic: string;
  readonly queues: number;
  readonly mode: Mode;
}

async function pullAll(
  client: RemotingClient,
  addr: string,
  { topic, queues, mode }: PullAllArgs,
): Promise<{ delivered: number; scanned: number; ms: number }> {
  let delivered = 0;
  let scanned = 0;
  const started = performance.now();
  for (let queueId = 0; queueId < queues; queueId++) {
    let offset = 0;
    for (;;) {
      const header: PullMessageRequestHeader = {
        consumerGroup: 'bench_pull_filter_cg',
        topic,
        queueId,
        queueOffset: offset,
        maxMsgNums: 32,
        sysFlag: SYS_FLAG,
        commitOffset: 0,
        suspendTimeoutMillis: 0,
        subscription: mode.subscription,
        subVersion: 0n,
        expressionType: mode.expressionType,
      };
      const response = await client.invoke(
        addr,
        createRequest(RequestCode.PULL_MESSAGE, { extFields: PullMessageRequestHeader.encode(header) }),
        10_000,
      );
      if (response.code !== ResponseCode.SUCCESS && response.code !== ResponseCode.PULL_RETRY_IMMEDIATELY) break;
      const next = PullMessageResponseHeader.decode(response.extFields).nextBeginOffset;
      if (response.code === ResponseCode.SUCCESS) for (const _record of iterateMessageRecords(response.body as Buffer)) delivered++;
      scanned += next - offset;
      offset = next;
    }
  }
  return { delivered, scanned, ms: performance.now() - started };
}

void main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
