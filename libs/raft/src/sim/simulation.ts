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
  return new Simulation(options).run();
}

/**
 * The state of one run and its steps. The order in which the constructor and the steps draw from
 * the seeded PRNG is the run's identity: a seed replays only while that order stays the same.
 */
class Simulation {
  private readonly prng: Prng;
  private readonly queue = new EventQueue();
  private readonly network: SimNetwork;
  private readonly checker = new SafetyChecker();
  private readonly nodeCount: number;
  private readonly snapshotEveryEntries: number;
  private readonly maxEntriesPerMessage: number;
  private readonly ids: string[];
  private readonly nodes: SimNode[];
  private readonly chaosEndMs: number;
  private violation: string | undefined;
  private crashes = 0;
  private unsettled = 0;
  private commandCounter = 0;
  private healedAtMs = Number.POSITIVE_INFINITY;
  private recoveredAtMs: number | undefined;

  constructor(private readonly options: SimulationOptions) {
    const prng = new Prng(options.seed);
    this.prng = prng;
    this.network = new SimNetwork(this.queue, prng.fork(1));
    this.nodeCount = prng.pick([3, 5]);
    this.snapshotEveryEntries = prng.int(3, 40);
    this.maxEntriesPerMessage = prng.int(1, 16);
    this.ids = Array.from({ length: this.nodeCount }, (_, i) => `n${i}`);
    this.nodes = this.ids.map((id, i) => ({
      id,
      storage: undefined as unknown as SimStorage,
      prng: prng.fork(100 + i),
      core: undefined,
      incarnation: 0,
    }));
    // How slow each disk's fsync is (ms): a slow one widens the window in which writes can be lost.
    const maxSyncMs = prng.pick([1, 4, 15, 40]);
    for (const node of this.nodes) {
      node.storage = new SimStorage((complete) => {
        this.queue.schedule(node.prng.int(0, maxSyncMs), () => {
          complete();
          this.check(node);
        });
      });
    }
    // Chaos phase: faults and client traffic until this time.
    this.chaosEndMs = prng.int(2_000, 6_000);
  }

  async run(): Promise<SimulationResult> {
    const { queue } = this;
    for (const node of this.nodes) this.boot(node);
    this.scheduleFaults();
    this.scheduleClient();
    queue.schedule(this.chaosEndMs, () => this.heal());

    let events = 0;
    while (this.violation === undefined) {
      if (this.recoveredAtMs !== undefined && queue.nowMs > this.recoveredAtMs + 300) break;
      if (queue.nowMs > this.healedAtMs + LIVENESS_BOUND_MS) {
        this.violation = `liveness: nothing committed within ${LIVENESS_BOUND_MS} ms after all faults healed`;
        break;
      }
      try {
        if (!queue.step()) break;
      } catch (error) {
        this.fail(error);
      }
      events += 1;
      // Proposal callbacks run as microtasks; let them run before the next event.
      if (this.unsettled > 0) await null;
    }
    return this.result(events);
  }

  private result(events: number): SimulationResult {
    const { recoveredAtMs, healedAtMs } = this;
    return {
      seed: this.options.seed,
      violation: this.violation,
      nodes: this.nodeCount,
      simulatedMs: this.queue.nowMs,
      events,
      committed: this.checker.maxCommitted,
      crashes: this.crashes,
      recoveryMs: recoveredAtMs === undefined ? undefined : recoveredAtMs - (Number.isFinite(healedAtMs) ? healedAtMs : 0),
    };
  }

  private say(line: string): void {
    this.options.print?.(`t=${String(this.queue.nowMs).padStart(6)} sim ${line}`);
  }

  private fail(error: unknown): void {
    this.violation ??=
      error instanceof SafetyViolation
        ? error.message
        : `crashed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`;
  }

  private check(node: SimNode): void {
    if (node.core) this.checker.checkNode({ id: node.id, status: node.core.status(), log: node.core.inspectLog() });
  }

  private boot(node: SimNode): void {
    const { queue, network, checker, options } = this;
    const print = options.print;
    const incarnation = node.incarnation;
    const live = (): boolean => node.incarnation === incarnation;
    const timers: RaftTimers = {
      nowMs: () => queue.nowMs,
      after: (delayMs, callback) => {
        let cancelled = false;
        queue.schedule(delayMs, () => {
          if (cancelled || !live()) return;
          callback();
          this.check(node);
        });
        return { cancel: () => (cancelled = true) };
      },
    };
    const transport: RaftTransport = {
      send: (to, message) => network.send(node.id, to, message),
      listen: (handler) => {
        network.attach(node.id, (message) => {
          handler(message);
          this.check(node);
        });
        return Promise.resolve();
      },
      close: () => Promise.resolve(network.detach(node.id)),
    };
    const logger: Logger = print ? traceLogger(print, () => queue.nowMs, { node: node.id }) : silentLogger;
    const core = new RaftCore({
      id: node.id,
      peers: this.ids.filter((id) => id !== node.id),
      electionTimeoutMs: [150, 300],
      heartbeatIntervalMs: 50,
      snapshotEveryEntries: this.snapshotEveryEntries,
      maxEntriesPerMessage: this.maxEntriesPerMessage,
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
  }

  private crash(node: SimNode): void {
    this.say(`crash ${node.id} (un-synced writes lost)`);
    this.crashes += 1;
    node.incarnation += 1;
    node.core = undefined;
    node.storage.crash();
    this.network.detach(node.id);
  }

  private propose(node: SimNode, label: string, onCommitted?: () => void): void {
    const core = node.core;
    if (!core || core.status().role !== 'leader') return;
    const command = new TextEncoder().encode(`${this.options.seed}:${label}:${this.commandCounter++}`);
    this.unsettled += 1;
    core.propose(command).then(
      (outcome) => {
        this.unsettled -= 1;
        if (outcome.kind !== 'committed') return;
        try {
          this.checker.onProposalCommitted(node.id, outcome.index, command, outcome.result);
          onCommitted?.();
        } catch (error) {
          this.fail(error);
        }
      },
      (error: unknown) => this.fail(error),
    );
  }

  private scheduleFaults(): void {
    this.queue.schedule(this.prng.int(30, 400), () => {
      if (this.queue.nowMs >= this.chaosEndMs) return;
      this.injectFault();
      this.scheduleFaults();
    });
  }

  private injectFault(): void {
    const { prng, network, nodes } = this;
    const roll = prng.next();
    const alive = nodes.filter((node) => node.core);
    const dead = nodes.filter((node) => !node.core);
    if (roll < 0.2) {
      const shuffled = [...this.ids].sort(() => prng.next() - 0.5);
      const cut = prng.int(1, this.nodeCount - 1);
      network.partition([shuffled.slice(0, cut), shuffled.slice(cut)]);
      this.say(`partition [${shuffled.slice(0, cut).join(',')}] | [${shuffled.slice(cut).join(',')}]`);
    } else if (roll < 0.35) {
      network.heal();
      this.say('heal partition');
    } else if (roll < 0.55 && alive.length > 0) {
      this.crash(prng.pick(alive));
    } else if (roll < 0.75 && dead.length > 0) {
      const node = prng.pick(dead);
      this.say(`restart ${node.id}`);
      this.boot(node);
    } else {
      network.faults = {
        lossRate: prng.pick([0, 0.01, 0.05, 0.2]),
        duplicateRate: prng.pick([0, 0.02, 0.1]),
        minDelayMs: 1,
        maxDelayMs: prng.pick([5, 20, 80]),
      };
      this.say(`network ${JSON.stringify(network.faults)}`);
    }
  }

  private scheduleClient(): void {
    this.queue.schedule(this.prng.int(5, 60), () => {
      if (this.queue.nowMs >= this.chaosEndMs) return;
      this.propose(this.prng.pick(this.nodes), 'c');
      this.scheduleClient();
    });
  }

  /** Heal phase: everything back, then a proposal must commit within the bound. */
  private heal(): void {
    const { queue, network } = this;
    this.healedAtMs = queue.nowMs;
    network.heal();
    network.faults = { lossRate: 0, duplicateRate: 0, minDelayMs: 1, maxDelayMs: 10 };
    for (const node of this.nodes) if (!node.core) this.boot(node);
    this.say('all faults healed; liveness clock starts');
    const tryCommit = (): void => {
      if (this.recoveredAtMs !== undefined) return;
      for (const node of this.nodes) this.propose(node, 'live', () => (this.recoveredAtMs ??= queue.nowMs));
      queue.schedule(50, tryCommit);
    };
    tryCommit();
  }
}
