/**
 * gRPC send and receive throughput with the official Java 5 client (tools/interop/java-grpc's
 * GrpcBench) on our broker's gRPC endpoint and on Apache RocketMQ 5.3.3's proxy in local mode, in
 * one run on the same box. Both with the client's default TLS, ASYNC_FLUSH, 1 KiB bodies.
 * Each round, on each target in turn (the order alternates): a fresh topic (8 queues), `SECONDS`
 * of sends from `THREADS` synchronous senders after a 2 s warm-up, then a new push-consumer group
 * drains everything sent (receive rate from its first message to its last). Medians over `ROUNDS`
 * printed with the load average. Printed, never asserted; see tools/bench/README.md.
 *
 *   bash tools/interop/java-grpc/setup.sh && npx nx run bench:grpc     (ROUNDS=3 SECONDS=10 THREADS=16)
 */
import { loadavg } from 'node:os';

import { median } from '@rocketmq-ts/base';
import {
  createTopic,
  freePorts,
  processes,
  runGrpcJava,
  startApacheProxy,
  startLocalBroker,
  startLocalNamesrv,
  type TopicTarget,
} from '@rocketmq-ts/testing';

const ROUNDS = Number(process.env['ROUNDS'] ?? 3);
const SECONDS = Number(process.env['SECONDS'] ?? 10);
const THREADS = Number(process.env['THREADS'] ?? 16);
const SIZE = 1024;

type Kind = 'ours' | 'apache';
interface Target {
  readonly endpoint: string;
  readonly topicTarget: TopicTarget;
}

async function main(): Promise<void> {
  const namesrv = await startLocalNamesrv({ label: 'bench-grpc-namesrv' });
  const [grpcPort] = (await freePorts(1)) as [number];
  const ours = await startLocalBroker({
    label: 'bench-grpc-ours',
    namesrvAddr: namesrv.addr,
    brokerName: 'bench_grpc_ours',
    settings: { enableGrpcServer: 'true', grpcServerPort: String(grpcPort), grpcTlsEnable: 'true' },
  });
  const apache = await startApacheProxy({ label: 'bench-grpc-apache' });
  const targets: Record<Kind, Target> = {
    ours: {
      endpoint: `127.0.0.1:${grpcPort}`,
      topicTarget: { brokerAddr: ours.addr, brokerName: ours.brokerName, namesrvAddrs: [namesrv.addr] },
    },
    apache: {
      endpoint: apache.grpcEndpoint,
      topicTarget: { brokerAddr: apache.brokerAddr, brokerName: apache.brokerName, namesrvAddrs: [apache.namesrvAddr] },
    },
  };
  const rates = new Map<string, number[]>();
  const note = (key: string, value: number): void => {
    rates.set(key, [...(rates.get(key) ?? []), value]);
  };
  try {
    for (let round = 0; round < ROUNDS; round++) {
      for (const kind of round % 2 === 0 ? (['ours', 'apache'] as const) : (['apache', 'ours'] as const)) {
        const { send, receive } = await measure(targets[kind], `GrpcBench_${kind}_${round}_${Date.now()}`);
        note(`${kind} send`, send);
        note(`${kind} receive`, receive);
        console.log(
          `round ${round + 1}: ${kind.padEnd(6)} send ${send.toFixed(0).padStart(7)} msg/s   receive ${receive.toFixed(0).padStart(7)} msg/s   load ${loadavg()[0]?.toFixed(2)}`,
        );
      }
    }
    console.log(
      `\nmedian of ${ROUNDS} rounds; send: ${THREADS} synchronous senders × ${SECONDS} s, ${SIZE} B; receive: one push consumer draining what was sent; Java 5 client 5.0.8, TLS, same box`,
    );
    console.log(`${'target'.padEnd(24)}${'send msg/s'.padStart(12)}${'receive msg/s'.padStart(15)}`);
    for (const kind of ['ours', 'apache'] as const) {
      const label = kind === 'ours' ? 'ours (broker gRPC)' : 'Apache 5.3.3 proxy local';
      console.log(
        `${label.padEnd(24)}${median(rates.get(`${kind} send`) ?? [])
          .toFixed(0)
          .padStart(12)}${median(rates.get(`${kind} receive`) ?? [])
          .toFixed(0)
          .padStart(15)}`,
      );
    }
    const ratio = (what: string): string =>
      (median(rates.get(`ours ${what}`) ?? []) / median(rates.get(`apache ${what}`) ?? [])).toFixed(2);
    console.log(
      `\nours / Apache: send ${ratio('send')}, receive ${ratio('receive')}   load average (1/5/15 min): ${loadavg()
        .map((value) => value.toFixed(2))
        .join(' ')}`,
    );
  } finally {
    await processes.stopAll({ graceMs: 10_000 });
    namesrv.dir.remove();
    ours.dir.remove();
  }
}

async function measure(target: Target, topic: string): Promise<{ send: number; receive: number }> {
  await createTopic(target.topicTarget, topic, 8, { attributes: '+message.type=NORMAL' });
  const common = [`endpoints=${target.endpoint}`, `topic=${topic}`];
  const sent = await runGrpcJava(
    'GrpcBench',
    ['send', ...common, `seconds=${SECONDS}`, `threads=${THREADS}`, `size=${SIZE}`],
    (SECONDS + 120) * 1000,
  );
  const total = Number(sent.summary['total']);
  if (Number(sent.summary['failed']) > 0) console.log(`  ${sent.summary['failed']} sends failed on ${target.endpoint}`);
  const received = await runGrpcJava(
    'GrpcBench',
    ['receive', ...common, `group=${topic}_group`, `count=${total}`, 'timeoutS=180'],
    240_000,
  );
  if (Number(received.summary['count']) < total)
    console.log(`  receive got ${received.summary['count']} of ${total} on ${target.endpoint}`);
  return { send: Number(sent.summary['tps']), receive: Number(received.summary['tps']) };
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
