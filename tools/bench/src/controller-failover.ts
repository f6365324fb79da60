/**
 * Controller-mode failover time, ours against Apache RocketMQ 5.3.3, in one run on one box
 * (docs/controller.md#failover-benchmark):
 *
 *   (a) three of our controllers (Raft) + three of our brokers,
 *   (b) Apache's controller + three Apache 5.3.3 brokers in controller mode,
 *
 * one replica set each, `allAckInSyncStateSet=true`, the same broker settings and the same Java
 * producer load (InteropProducer, one send every 10 ms). Each round SIGKILLs the master; the
 * failover time is the last acknowledgement stored by the old master → the first stored by the
 * new one (libs/testing failover-round.ts). The victim restarts and rejoins before the next round.
 * Prints the distribution and the ratio; asserts nothing; not part of CI.
 *
 *   npx nx run bench:controller-failover [-- --rounds N] [-- --only ours|apache]
 */
import { loadavg } from 'node:os';
import { parseArgs } from 'node:util';

import { percentile } from '@rocketmq-ts/base';
import {
  allInSync,
  type BrokerKind,
  createTopic,
  failoverRound,
  portOf,
  type Replica,
  replicaSetView,
  servingLeader,
  startApacheController,
  startJava,
  startLocalNamesrv,
  startOurControllerGroup,
  startReplica,
  stopSuite,
} from '@rocketmq-ts/testing';

const BROKER_NAME = 'bench-ctl';
const TOPIC = 'ControllerFailoverBench';
/** Broker liveness scan, the same on both controllers (Apache's default is 5 s). */
const SCAN_NOT_ACTIVE_BROKER_MS = 1000;

async function measure(kind: BrokerKind, rounds: number): Promise<number[]> {
  const namesrv = await startLocalNamesrv({ label: `bench-ctl-namesrv-${kind}` });
  let controllerAddr: string;
  let controllerPorts: number[];
  if (kind === 'ours') {
    const group = await startOurControllerGroup({
      count: 3,
      electionTimeoutMs: 1000,
      scanNotActiveBrokerIntervalMs: SCAN_NOT_ACTIVE_BROKER_MS,
    });
    await servingLeader(group.members);
    controllerAddr = group.controllerAddr;
    controllerPorts = group.members.map((member) => member.port);
  } else {
    const controller = await startApacheController({ scanNotActiveBrokerInterval: String(SCAN_NOT_ACTIVE_BROKER_MS) });
    controllerAddr = controller.addr;
    controllerPorts = [portOf(controller.addr)];
  }
  const brokers: Replica[] = [];
  for (let index = 0; index < 3; index++) brokers.push(await startReplica(kind, index, namesrv.addr, BROKER_NAME, controllerAddr));
  for (const broker of brokers)
    await createTopic({ brokerAddr: broker.addr, brokerName: BROKER_NAME, namesrvAddrs: [namesrv.addr] }, TOPIC, 4);
  const view = replicaSetView(() => controllerPorts, BROKER_NAME);
  await allInSync(view, brokers.length);

  const producer = startJava('InteropProducer', [
    '-n',
    namesrv.addr,
    '-t',
    TOPIC,
    '-c',
    '1000000',
    '--pause-ms',
    '10',
    '--poll-namesrv-ms',
    '500',
    '--timeout-ms',
    '3000',
    '--key-prefix',
    kind,
  ]);
  const failoverMs: number[] = [];
  try {
    for (let round = 0; round < rounds; round++) {
      const failover = await failoverRound(producer, brokers, view, `${kind} round ${round + 1}`);
      failoverMs.push(failover.failoverMs);
      console.log(
        `${kind.padEnd(6)} round ${String(round + 1).padStart(2)}: killed ${failover.oldMaster} (epoch ${failover.oldEpoch}), ${failover.newMaster} master at epoch ${failover.newEpoch}: ` +
          `failover ${failover.failoverMs} ms   load ${loadavg()[0]?.toFixed(2)}`,
      );
    }
  } finally {
    await stopSuite();
  }
  return failoverMs;
}

function row(label: string, values: readonly number[]): string {
  const cells = [50, 90, 99].map((p) => String(percentile(values, p)).padStart(8));
  return `${label.padEnd(34)}${String(values.length).padStart(7)}${cells.join('')}${String(Math.max(...values)).padStart(8)}`;
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { rounds: { type: 'string', default: '5' }, only: { type: 'string' } } });
  const rounds = Number(values.rounds);
  if (!Number.isInteger(rounds) || rounds < 1) throw new Error(`--rounds must be a positive integer, got ${values.rounds}`);
  if (values.only !== undefined && values.only !== 'ours' && values.only !== 'apache')
    throw new Error(`--only must be ours or apache, got ${values.only}`);
  const kinds: BrokerKind[] = values.only === undefined ? ['ours', 'apache'] : [values.only];

  const results = new Map<BrokerKind, number[]>();
  for (const kind of kinds) results.set(kind, await measure(kind, rounds));

  console.log(
    `\nfailover, last ack on the old master → first ack on the new one (ms), ${rounds} SIGKILL rounds each, allAckInSyncStateSet=true, same box`,
  );
  console.log(`${''.padEnd(34)}${'rounds'.padStart(7)}${'p50'.padStart(8)}${'p90'.padStart(8)}${'p99'.padStart(8)}${'max'.padStart(8)}`);
  const labels: Record<BrokerKind, string> = { ours: 'ours: 3 controllers + 3 brokers', apache: 'Apache 5.3.3: controller + 3' };
  for (const [kind, failoverMs] of results) console.log(row(labels[kind], failoverMs));
  const ours = results.get('ours');
  const apache = results.get('apache');
  if (ours !== undefined && apache !== undefined) {
    console.log(
      `\nours / Apache: p50 ${(percentile(ours, 50) / percentile(apache, 50)).toFixed(2)}, p99 ${(percentile(ours, 99) / percentile(apache, 99)).toFixed(2)}`,
    );
  }
}

main().catch(async (error: unknown) => {
  console.error(error);
  await stopSuite();
  process.exitCode = 1;
});
