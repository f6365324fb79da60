import type { SendOptions, SendResult } from '@rocketmq-ts/client';

/** k6's stage: move the target (rate or VUs) linearly to `target` over `duration`. */
export interface Stage {
  readonly duration: string;
  readonly target: number;
}

/** Open model: iterations start at a rate whatever the latency; a busy pool drops iterations. */
export interface ConstantArrivalRate {
  readonly executor: 'constant-arrival-rate';
  /** Iterations per `timeUnit`. */
  readonly rate: number;
  /** Default '1s'. */
  readonly timeUnit?: string;
  readonly duration: string;
  /** VUs ready at the start (default: rate per second / 10, at least 1). */
  readonly preAllocatedVUs?: number;
  /** Most VUs (iterations in flight) allowed; beyond, iterations are dropped (default 1000). */
  readonly maxVUs?: number;
}

export interface RampingArrivalRate {
  readonly executor: 'ramping-arrival-rate';
  readonly startRate?: number;
  readonly timeUnit?: string;
  readonly stages: readonly Stage[];
  readonly preAllocatedVUs?: number;
  readonly maxVUs?: number;
}

/** Closed model: that many VUs, each sending again as soon as its previous iteration ends. */
export interface ConstantVus {
  readonly executor: 'constant-vus';
  readonly vus: number;
  readonly duration: string;
}

export interface RampingVus {
  readonly executor: 'ramping-vus';
  readonly startVUs?: number;
  readonly stages: readonly Stage[];
}

export type ExecutorOptions = ConstantArrivalRate | RampingArrivalRate | ConstantVus | RampingVus;
export type ExecutorName = ExecutorOptions['executor'];
export const EXECUTOR_NAMES: readonly ExecutorName[] = ['constant-arrival-rate', 'ramping-arrival-rate', 'constant-vus', 'ramping-vus'];

/** Body sizes: one size, or a weighted mix (`[{ size: 100, weight: 70 }, { size: 65536, weight: 1 }]`). */
export type SizeProfile = number | readonly { readonly size: number; readonly weight: number }[];

export interface MessageOptions {
  /** Body bytes (default 1024). */
  readonly size?: SizeProfile;
  /** KEYS = `<testid>-<seq>`, so a message can be found with mqadmin queryMsgByKey. */
  readonly keys?: boolean;
  /** TAGS picked round robin. */
  readonly tags?: readonly string[];
}

export interface ConsumerOptions {
  /** Push consumers in one group (default 0: nobody reads). */
  readonly count?: number;
  /** Orderly listeners (one queue at a time, locked), for ordering scenarios. */
  readonly orderly?: boolean;
  /** Cap on consumed messages per second over all consumers: a slow consumer (default none). */
  readonly maxRate?: number;
}

/** Failover: SIGKILL a master partway through (see hooks/kill-master.ts for how it is found). */
export interface FailoverOptions {
  /** When, from the start of the executor: '4s' or a share of the duration '40%'. */
  readonly at: string;
  /** Broker group whose master dies (default: the first by name). */
  readonly brokerName?: string;
}

/** What an iteration function may do. */
export interface IterationContext {
  /** 0-based VU id, stable for the VU's life (ordering scenarios shard by it). */
  readonly vu: number;
  /** 0-based iteration number within the run. */
  readonly iteration: number;
  /**
   * Sends one message built from the scenario's message options; `extra` sets keys, tags, properties; latency, errors
   * and acks are recorded.
   */
  send(
    extra?: { readonly properties?: Readonly<Record<string, string>>; readonly tags?: string; readonly keys?: string },
    options?: SendOptions,
  ): Promise<SendResult>;
  /** Records a check outcome by name (k6's check); returns `ok`. */
  check(name: string, ok: boolean): boolean;
}

export type IterationFunction = (context: IterationContext) => Promise<void>;

/** The options a scenario file exports, k6-style. */
export interface ScenarioOptions {
  readonly description: string;
  readonly topic: string;
  /** Write/read queues created per master (default 8). */
  readonly queues?: number;
  readonly executor: ExecutorOptions;
  /** `{ send_latency: ['p(99)<20'], send_errors: ['rate<0.001'] }`; see report/thresholds.ts for the metrics. */
  readonly thresholds?: Readonly<Record<string, readonly string[]>>;
  readonly message?: MessageOptions;
  /** Producer instances the VUs share round robin (default 1). */
  readonly producers?: number;
  readonly consumers?: ConsumerOptions;
  /** After the executor ends, wait at most this long for consumers to read every acknowledged message (default '30s' with consumers). */
  readonly drainTimeout?: string;
  /** Ramp scenarios: the knee is the first second whose p99 exceeds this (ms) or that drops iterations or has errors; printed. */
  readonly kneeP99Ms?: number;
  readonly failover?: FailoverOptions;
  /** Client send timeout in ms, retries included (default 3000). */
  readonly sendTimeoutMs?: number;
}

export interface Scenario {
  readonly options: ScenarioOptions;
  /** Default: one `send()` per iteration. */
  readonly iteration?: IterationFunction;
}
