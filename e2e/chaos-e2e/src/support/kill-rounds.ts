import { setTimeout as sleep } from 'node:timers/promises';

import { RemotingClient } from '@rocketmq-ts/remoting';

import { formatFigures, type Figures, outcomeOf, SendLedger } from './ledger';
import { type RunningBroker, type RunningNamesrv, killBroker, startBroker } from './processes';
import { chaosSeed, seededRandom } from './prng';
import { createTopic, readTopic, sendMessage } from './wire-driver';

export interface KillRoundsOptions {
  readonly label: string;
  readonly namesrv: RunningNamesrv;
  readonly storeDir: string;
  /** Broker settings on top of the test defaults (flushDiskType, segment size). */
  readonly settings: Record<string, string>;
  readonly rounds: number;
  readonly senders: number;
  readonly topic: string;
  readonly queues: number;
}

export interface KillRoundsResult {
  readonly seed: number;
  readonly total: Figures;
  readonly lostSample: number[];
  readonly phantoms: number[];
  readonly foreign: number;
  /** The broker left running after the last restart (the caller's afterAll stops it). */
  readonly broker: RunningBroker;
}

const KILL_AFTER_MIN_MS = 100;
const KILL_AFTER_SPREAD_MS = 1400;

/**
 * Round after round: `senders` loops send continuously, the broker is SIGKILLed at a seeded random
 * moment 100-1500 ms in, then restarted on the same store. Afterwards every queue is read back and
 * the ledger is checked against it. A round is bounded by the kill moment, the 3 s request timeout
 * of the in-flight sends, the 10 s wait for the process to go and the boot timeout.
 */
export async function runKillRounds(options: KillRoundsOptions): Promise<KillRoundsResult> {
  const seed = chaosSeed();
  const random = seededRandom(seed);
  console.log(`[${options.label}] seed=${seed} (replay with CHAOS_SEED=${seed}); ${options.rounds} rounds, ${options.senders} senders`);
  const ledger = new SendLedger();
  const killMoments = new Map<number, number>();
  let boot = 0;
  let broker = await startBroker(options.namesrv, options.storeDir, boot, options.settings);
  const admin = new RemotingClient();
  try {
    await createTopic(admin, broker.address, options.topic, options.queues);
  } finally {
    await admin.close();
  }
  for (let round = 1; round <= options.rounds; round += 1) {
    const killAfterMs = KILL_AFTER_MIN_MS + Math.floor(random() * KILL_AFTER_SPREAD_MS);
    await sendUntilKilled(broker, { ...options, round, killAfterMs }, ledger);
    boot += 1;
    broker = await startBroker(options.namesrv, options.storeDir, boot, options.settings);
    killMoments.set(round, killAfterMs);
  }
  const contents = await readTopic(broker.address, options.topic, options.queues);
  const { perRound, total } = ledger.tally(contents.ids);
  // One console.log for the whole report: vitest prefixes every call with a header line.
  const report = [...perRound].map(([round, figures]) =>
    formatFigures(`[${options.label}] round ${round} (SIGKILL after ${killMoments.get(round)} ms)`, figures),
  );
  report.push(formatFigures(`[${options.label}] TOTAL over ${options.rounds} rounds (seed ${seed})`, total));
  console.log(report.join('\n'));
  return {
    seed,
    total,
    lostSample: ledger.lostIds(contents.ids),
    phantoms: ledger.phantoms(contents.ids),
    foreign: contents.foreign,
    broker,
  };
}

export interface SendPhase {
  readonly topic: string;
  readonly queues: number;
  readonly senders: number;
  readonly round: number;
  readonly killAfterMs: number;
}

/**
 * `senders` loops send continuously; after `killAfterMs` the broker gets SIGKILL. Resolves once the
 * process is gone and every loop has seen its last send fail or succeed.
 */
export async function sendUntilKilled(broker: RunningBroker, phase: SendPhase, ledger: SendLedger): Promise<void> {
  const stop = { requested: false };
  const senders = Array.from({ length: phase.senders }, () => sendLoop(broker.address, phase, ledger, stop));
  await sleep(phase.killAfterMs);
  await killBroker(broker);
  stop.requested = true;
  await Promise.all(senders);
}

/** One sender: sends one message at a time until told to stop; every id goes through the ledger. */
async function sendLoop(address: string, phase: SendPhase, ledger: SendLedger, stop: { requested: boolean }): Promise<void> {
  const client = new RemotingClient();
  try {
    while (!stop.requested) {
      const id = ledger.begin(phase.round);
      try {
        const response = await sendMessage(client, address, phase.topic, id % phase.queues, id);
        ledger.settle(id, outcomeOf(response.code));
      } catch {
        // No answer (connection lost to the kill, or a timeout): the message is not acknowledged.
        ledger.settle(id, 'failed');
        // Do not spin on ECONNREFUSED between the kill and `stop.requested`.
        if (!stop.requested) await sleep(20);
      }
    }
  } finally {
    await client.close();
  }
}
