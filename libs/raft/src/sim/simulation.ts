import { silentLogger, type Logger } from '@rocketmq-ts/base';

import { RaftCore, type PlantedBugs } from '../core/raft-core';
import type { RaftTimers, RaftTransport } from '../ports';
import { ChainStateMachine } from './chain-state-machine';
import { SafetyChecker, SafetyViolation } from './checker';
import { EventQueue } from './event-queue';
import { Prng } from './prng';
import { SimNetwork } from './sim-network';
import { SimStorage } from './sim-storage';
import { traceLogger } from './trace-logger';

export interface SimulationOptions {
  seed: number;
  /** Print every fault and role change (for replaying one seed). */
  print?: (line: string) => void;
  plantedBugs?: PlantedBugs;
}

export interface SimulationResult {
  seed: number;
  violation: string | undefined;
  nodes: number;
  simulatedMs: number;
  events: number;
  committed: number;
  crashes: number;
  /** Simulated ms from healing every fault to the first proposal committing. */
  recoveryMs: number | undefined;
}

/** Liveness: after every fault heals, a proposal must commit within this much simulated time. */
export const LIVENESS_BOUND_MS = 5_000;

interface SimNode {
  id: string;
  storage: SimStorage;
  prng: Prng;
  core: RaftCore | undefined;
  incarnation: number;
}

/**
 * One seeded run (docs/raft.md#the-simulator): a chaos phase of partitions, crashes with loss of
 * un-synced writes, restarts, message loss, duplication, delay and reordering while a client
 * proposes commands; then every fault heals and a proposal must commit within LIVENESS_BOUND_MS.
 * The safety checks run after every event.
 */
export async function runSimulation(options: SimulationOptions): Promise<SimulationResult> {
  const prng = new Prng(options.seed);
  const queue = new EventQueue();
  const network = new SimNetwork(queue, prng.fork(1));
  const checker = new SafetyChecker();
  const print = options.print;
  const say = (line: string): void => print?.(`t=${String(queue.nowMs).padStart(6)} sim ${line}`);
  const nodeCount = prng.pick([3, 5]);
  const snapshotEveryEntries = prng.int(3, 40);
  const maxEntriesPerMessage = prng.int(1, 16);
  const ids = Array.from({ length: nodeCount }, (_, i) => `n${i}`);
  const nodes: SimNode[] = ids.map((id, i) => ({ id, storage: undefined as unknown as SimStorage, prng: prng.fork(100 + i), core: undefined, incarnation: 0 }));
  let violation: string | undefined;
  let crashes = 0;
  let unsettled = 0;

  const fail = (error: unknown): void => {
    violation ??= error instanceof SafetyViolation ? error.message : `crashed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`;
  };
  const check = (node: SimNode): void => {
    if (node.core) checker.checkNode({ id: node.id, status: node.core.status(), log: node.core.inspectLog() });
  };
  // How slow each disk's fsync is (ms): a slow one widens the window in which writes can be lost.
  const maxSyncMs = prng.pick([1, 4, 15, 40]);
  for (const node of nodes) {
    node.storage = new SimStorage((complete) => {
      queue.schedule(node.prng.int(0, maxSyncMs), () => {
        complete();
        check(node);
      });
    });
  }

  const boot = (node: SimNode): void => {
    const incarnation = node.incarnation;
    const live = (): boolean => node.incarnation === incarnation;
    const timers: RaftTimers = {
      nowMs: () => queue.nowMs,
      after: (delayMs, callback) => {
        let cancelled = false;
        queue.schedule(delayMs, () => {
          if (cancelled || !live()) return;
          callback();
          check(node);
        });
        return { cancel: () => (cancelled = true) };
      },
    };
    const transport: RaftTransport = {
      send: (to, message) => network.send(node.id, to, message),
      listen: (handler) => {
        network.attach(node.id, (message) => {
          handler(message);
          check(node);
        });
        return Promise.resolve();
      },
      close: () => Promise.resolve(network.detach(node.id)),
    };
    const logger: Logger = print ? traceLogger(print, () => queue.nowMs, { node: node.id }) : silentLogger;
    const core = new RaftCore({
      id: node.id,
      peers: ids.filter((id) => id !== node.id),
      electionTimeoutMs: [150, 300],
      heartbeatIntervalMs: 50,
      snapshotEveryEntries,
      maxEntriesPerMessage,
      stateMachine: new ChainStateMachine((index, command, hash) => checker.onApplied(node.id, index, command, hash)),
      storage: node.storage,
      transport,
      timers,
      random: () => node.prng.next(),
      logger,
      plantedBugs: options.plantedBugs,
    });
    core.onStatusChange((status) => {
      if (status.role === 'leader') checker.onLeader({ id: node.id, status, log: core.inspectLog() });
    });
    node.core = core;
    void core.start();
    checker.onRestart(node.id, core.inspectLog().snapshotIndex);
  };

  const crash = (node: SimNode): void => {
    say(`crash ${node.id} (un-synced writes lost)`);
    crashes += 1;
    node.incarnation += 1;
    node.core = undefined;
    node.storage.crash();
    network.detach(node.id);
  };

  let commandCounter = 0;
  const propose = (node: SimNode, label: string, onCommitted?: () => void): void => {
    const core = node.core;
    if (!core || core.status().role !== 'leader') return;
    const command = new TextEncoder().encode(`${options.seed}:${label}:${commandCounter++}`);
    unsettled += 1;
    core.propose(command).then(
      (outcome) => {
        unsettled -= 1;
        if (outcome.kind !== 'committed') return;
        try {
          checker.onProposalCommitted(node.id, outcome.index, command, outcome.result);
          onCommitted?.();
        } catch (error) {
          fail(error);
        }
      },
      (error: unknown) => fail(error),
    );
  };

  // Chaos phase: faults and client traffic.
  const chaosEndMs = prng.int(2_000, 6_000);
  const scheduleFaults = (): void => {
    queue.schedule(prng.int(30, 400), () => {
      if (queue.nowMs >= chaosEndMs) return;
      injectFault();
      scheduleFaults();
    });
  };
  const injectFault = (): void => {
    const roll = prng.next();
    const alive = nodes.filter((node) => node.core);
    const dead = nodes.filter((node) => !node.core);
    if (roll < 0.2) {
      const shuffled = [...ids].sort(() => prng.next() - 0.5);
      const cut = prng.int(1, nodeCount - 1);
      network.partition([shuffled.slice(0, cut), shuffled.slice(cut)]);
      say(`partition [${shuffled.slice(0, cut).join(',')}] | [${shuffled.slice(cut).join(',')}]`);
    } else if (roll < 0.35) {
      network.heal();
      say('heal partition');
    } else if (roll < 0.55 && alive.length > 0) {
      crash(prng.pick(alive));
    } else if (roll < 0.75 && dead.length > 0) {
      const node = prng.pick(dead);
      say(`restart ${node.id}`);
      boot(node);
    } else {
      network.faults = { lossRate: prng.pick([0, 0.01, 0.05, 0.2]), duplicateRate: prng.pick([0, 0.02, 0.1]), minDelayMs: 1, maxDelayMs: prng.pick([5, 20, 80]) };
      say(`network ${JSON.stringify(network.faults)}`);
    }
  };
  const scheduleClient = (): void => {
    queue.schedule(prng.int(5, 60), () => {
      if (queue.nowMs >= chaosEndMs) return;
      propose(prng.pick(nodes), 'c');
      scheduleClient();
    });
  };

  // Heal phase: everything back, then a proposal must commit within the bound.
  let healedAtMs = Number.POSITIVE_INFINITY;
  let recoveredAtMs: number | undefined;
  const heal = (): void => {
    healedAtMs = queue.nowMs;
    network.heal();
    network.faults = { lossRate: 0, duplicateRate: 0, minDelayMs: 1, maxDelayMs: 10 };
    for (const node of nodes) if (!node.core) boot(node);
    say('all faults healed; liveness clock starts');
    const tryCommit = (): void => {
      if (recoveredAtMs !== undefined) return;
      for (const node of nodes) propose(node, 'live', () => (recoveredAtMs ??= queue.nowMs));
      queue.schedule(50, tryCommit);
    };
    tryCommit();
  };

  for (const node of nodes) boot(node);
  scheduleFaults();
  scheduleClient();
  queue.schedule(chaosEndMs, heal);

  let events = 0;
  while (violation === undefined) {
    if (recoveredAtMs !== undefined && queue.nowMs > recoveredAtMs + 300) break;
    if (queue.nowMs > healedAtMs + LIVENESS_BOUND_MS) {
      violation = `liveness: nothing committed within ${LIVENESS_BOUND_MS} ms after all faults healed`;
      break;
    }
    try {
      if (!queue.step()) break;
    } catch (error) {
      fail(error);
    }
    events += 1;
    // Proposal callbacks run as microtasks; let them run before the next event.
    if (unsettled > 0) await null;
  }
  return {
    seed: options.seed,
    violation,
    nodes: nodeCount,
    simulatedMs: queue.nowMs,
    events,
    committed: checker.maxCommitted,
    crashes,
    recoveryMs: recoveredAtMs === undefined ? undefined : recoveredAtMs - (Number.isFinite(healedAtMs) ? healedAtMs : 0),
  };
}
