import { resolve } from 'node:path';

import { formatExit, GO_INTEROP_DIR, type ManagedProcess, spawnProcess, suiteTempDir, type TempDir } from '@rocketmq-ts/testing';

import { type AllocatedEvent, type DriverEvent, eventsOf, parseDriverLine, type ReceivedEvent } from './driver-events';

// The Go driver (tools/interop/go, built by its setup.sh in global-setup) as child processes.

const DRIVER_BIN = resolve(GO_INTEROP_DIR, 'target/rocketmq-go-driver');
/** A consumer prints a line per message; keep them all (the default ring keeps 2000). */
const MAX_LINES = 50_000;

let home: TempDir | undefined;
let spawned = 0;
const consumers: GoConsumer[] = [];

/**
 * HOME of every driver process: a broadcasting Go consumer keeps its offsets in
 * $HOME/.rocketmq_client_go, which must not be the developer's.
 */
function driverHome(): string {
  home ??= suiteTempDir('go-client-home');
  return home.path;
}

function spawnDriver(label: string, args: readonly string[]): ManagedProcess {
  spawned += 1;
  return spawnProcess({
    name: `go-${label}-${spawned}`,
    command: DRIVER_BIN,
    args,
    env: { HOME: driverHome() },
    logFile: true,
    maxLines: MAX_LINES,
  });
}

function eventsFrom(child: ManagedProcess): DriverEvent[] {
  return child.lines().flatMap((line) => {
    const event = line.stream === 'stdout' ? parseDriverLine(line.text) : undefined;
    return event === undefined ? [] : [event];
  });
}

/** Runs one driver command to its end and returns its events; throws with its output unless it exits 0. */
export async function runGoDriver(label: string, args: readonly string[], timeoutMs = 60_000): Promise<DriverEvent[]> {
  const child = spawnDriver(label, args);
  const exit = await child.waitForExit({ timeoutMs, reason: `go driver ${label} finished` });
  if (exit.code !== 0) throw new Error(`go driver ${args.join(' ')} ended with ${formatExit(exit)}\n${child.tail(40)}`);
  return eventsFrom(child);
}

export interface GoConsumerOptions {
  readonly namesrvAddr: string;
  readonly topic: string;
  readonly group: string;
  readonly model?: 'clustering' | 'broadcasting';
  readonly orderly?: boolean;
  /** Tag expression, default `*`. */
  readonly selector?: string;
  /** The driver answers ConsumeRetryLater while a message's reconsumeTimes is below this. */
  readonly retryTimes?: number;
}

/** A Go push consumer process (from the first offset); its events are read as they arrive. */
export class GoConsumer {
  private constructor(
    readonly group: string,
    private readonly child: ManagedProcess,
  ) {}

  /** Starts it and waits for "ready" (Start() returned: routes found, heartbeat sent). */
  static async start(options: GoConsumerOptions): Promise<GoConsumer> {
    const args = ['consume', '-n', options.namesrvAddr, '-t', options.topic, '-g', options.group, '-model', options.model ?? 'clustering'];
    if (options.orderly) args.push('-orderly');
    if (options.selector !== undefined) args.push('-selector', options.selector);
    if (options.retryTimes !== undefined) args.push('-retry-times', String(options.retryTimes));
    const child = spawnDriver(`consume-${options.group}`, args);
    const consumer = new GoConsumer(options.group, child);
    consumers.push(consumer);
    await child.waitForOutput(/"event":"ready"/, { timeoutMs: 60_000, reason: `Go consumer ${options.group} started` });
    return consumer;
  }

  get clientId(): string | undefined {
    return eventsOf(eventsFrom(this.child), 'allocated').at(-1)?.clientId;
  }

  received(): ReceivedEvent[] {
    return eventsOf(eventsFrom(this.child), 'received');
  }

  /** Its latest share of `topic`'s queues, once it has rebalanced that topic. */
  allocation(topic: string): AllocatedEvent | undefined {
    return eventsOf(eventsFrom(this.child), 'allocated')
      .filter((event) => event.topic === topic)
      .at(-1);
  }

  /** SIGTERM: the driver shuts the consumer down (offsets committed) and exits. */
  async stop(): Promise<void> {
    await this.child.stop({ graceMs: 20_000 });
  }
}

/** Stops every consumer started since the last call (each test's afterEach). */
export async function stopGoConsumers(): Promise<void> {
  await Promise.all(consumers.splice(0).map((consumer) => consumer.stop()));
}
