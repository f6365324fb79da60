/**
 * Transactional send against plain send, on our broker and on Apache RocketMQ 5.3.3, in one run
 * with the same client (our TypeScript Producer / TransactionProducer, 16 in flight, 1 KiB,
 * ASYNC_FLUSH) and the same box. A transactional send is a half-message put plus an op record plus
 * the committed copy (two commit-log writes and an END_TRANSACTION more than a plain send), so
 * its rate is expected below the plain one; the question is by how much on each broker.
 * Alternating rounds; medians printed with the load average. Printed, never asserted.
 *
 *   npx nx run bench:transactions            (ROUNDS=3 SECONDS=10 by default)
 */
import { loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';

import { median } from '@rocketmq-ts/base';
import { Producer, TransactionProducer } from '@rocketmq-ts/client';
import {
  createTopic,
  processes,
  startApacheBroker,
  startLocalBroker,
  startLocalNamesrv,
  storedMessageCount,
  waitForMaster,
} from '@rocketmq-ts/testing';

const ROUNDS = Number(process.env['ROUNDS'] ?? 3);
const SECONDS = Number(process.env['SECONDS'] ?? 10);
const IN_FLIGHT = 16;
const BODY = Buffer.alloc(1024, 'x');

type Kind = 'ours' | 'apache';
type Mode = 'plain' | 'transactional';

async function main(): Promise<void> {
  const namesrv = await startLocalNamesrv({ label: 'bench-tx-namesrv' });
  const ours = await startLocalBroker({ label: 'bench-tx-ours', namesrvAddr: namesrv.addr, brokerName: 'bench_tx_ours' });
  const apache = await startApacheBroker({ namesrvAddr: namesrv.addr, brokerName: 'bench_tx_apache', label: 'bench-tx-apache' });
  await waitForMaster(namesrv.addr, 'bench_tx_ours', ours.addr);
  await waitForMaster(namesrv.addr, 'bench_tx_apache', apache.addr);
  const brokers: Record<Kind, { readonly brokerAddr: string; readonly brokerName: string }> = {
    ours: { brokerAddr: ours.addr, brokerName: 'bench_tx_ours' },
    apache: { brokerAddr: apache.addr, brokerName: 'bench_tx_apache' },
  };
  const rates = new Map<string, number[]>();
  try {
    for (let round = 0; round < ROUNDS; round++) {
      for (const kind of round % 2 === 0 ? (['ours', 'apache'] as const) : (['apache', 'ours'] as const)) {
        for (const mode of ['plain', 'transactional'] as const) {
          const rate = await measure(namesrv.addr, kind, { broker: brokers[kind], mode, round });
          rates.set(`${kind} ${mode}`, [...(rates.get(`${kind} ${mode}`) ?? []), rate]);
          console.log(
            `round ${round + 1}: ${kind.padEnd(6)} ${mode.padEnd(13)} ${rate.toFixed(0).padStart(7)} msg/s   load ${loadavg()[0]?.toFixed(2)}`,
          );
        }
      }
    }
    console.log(`\nmedian of ${ROUNDS} rounds × ${SECONDS} s, ${IN_FLIGHT} in flight, ${BODY.length} B, TypeScript client, same box`);
    console.log(`${'broker'.padEnd(8)}${'plain'.padStart(10)}${'transactional'.padStart(15)}${'tx / plain'.padStart(12)}`);
    for (const kind of ['ours', 'apache'] as const) {
      const plain = median(rates.get(`${kind} plain`) ?? []);
      const tx = median(rates.get(`${kind} transactional`) ?? []);
      console.log(`${kind.padEnd(8)}${plain.toFixed(0).padStart(10)}${tx.toFixed(0).padStart(15)}${(tx / plain).toFixed(2).padStart(12)}`);
    }
    const ratio = median(rates.get('ours transactional') ?? []) / median(rates.get('apache transactional') ?? []);
    console.log(`\ntransactional send, ours / Apache: ${ratio.toFixed(2)}`);
  } finally {
    await processes.stopAll({ graceMs: 10_000 });
    namesrv.dir.remove();
    ours.dir.remove();
  }
}

interface MeasureArgs {
  readonly broker: { readonly brokerAddr: string; readonly brokerName: string };
  readonly mode: Mode;
  readonly round: number;
}

/** Sends flat out for SECONDS with IN_FLIGHT loops and returns stored messages per second (checked on the broker for plain sends). */
async function measure(namesrvAddr: string, kind: Kind, { broker, mode, round }: MeasureArgs): Promise<number> {
  const topic = `bench_tx_${kind}_${mode}_${round}_${Date.now()}`;
  // Created on the broker under test only (both brokers share the name server and TBW102).
  await createTopic({ ...broker, namesrvAddrs: [namesrvAddr] }, topic, 4);
  const group = `bench_tx_${kind}_${mode}_${round}`;
  const producer =
    mode === 'plain'
      ? new Producer({ namesrvAddr, producerGroup: group })
      : new TransactionProducer({
          namesrvAddr,
          producerGroup: group,
          transactionListener: { executeLocalTransaction: () => 'COMMIT', checkLocalTransaction: () => 'COMMIT' },
        });
  await producer.start();
  const send = (): Promise<unknown> =>
    producer instanceof TransactionProducer
      ? producer.sendMessageInTransaction({ topic, body: BODY })
      : producer.send({ topic, body: BODY });
  try {
    let sent = 0;
    const started = performance.now();
    const deadline = started + SECONDS * 1000;
    await Promise.all(
      Array.from({ length: IN_FLIGHT }, async () => {
        while (performance.now() < deadline) {
          await send();
          sent++;
        }
      }),
    );
    const rate = (sent / (performance.now() - started)) * 1000;
    if (mode === 'plain' && (await storedMessageCount(broker.brokerAddr, topic)) === 0)
      throw new Error(`${kind}: nothing stored for ${topic}`);
    return rate;
  } finally {
    await producer.shutdown();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
