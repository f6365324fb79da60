import {
  brokerClusterInfo,
  freeLauncherPortOffset,
  launcherNamesrvAddrs,
  type ManagedProcess,
  removeAfterSuite,
  startApacheBroker,
  startLauncher,
  startLocalNamesrv,
  suiteTempDir,
  waitFor,
  WaitAbortedError,
} from '@rocketmq-ts/testing';

// The two clusters every Go client scenario runs against: ours as `npm start -- --mode 2m-2s-sync`
// runs it, and Apache RocketMQ 5.3.3 (one broker behind our name servers) as the reference.

export type TargetKind = 'ours' | 'apache';

export interface BrokerEndpoint {
  readonly brokerName: string;
  readonly addr: string;
}

export interface GoTarget {
  readonly kind: TargetKind;
  /** Every name server, `;`-joined, as the Go client takes them. */
  readonly namesrvAddr: string;
  readonly namesrvAddrs: readonly string[];
  /** brokerId 0 of each broker name. */
  readonly masters: readonly BrokerEndpoint[];
  /** The slave (brokerId 1) of a master, by broker name, where the target has one. */
  readonly slaves: ReadonlyMap<string, string>;
  stop(): Promise<void>;
}

/**
 * Every delay level is 1 s but level 2, which keeps Apache's 5 s: the delay scenario sends at
 * level 2, and a retry (level 3 + reconsumeTimes) comes back after 1 s instead of 10 s, 30 s...
 */
export const DELAY_LEVELS = ['1s', '5s', ...Array.from({ length: 16 }, () => '1s')].join(' ');
export const DELAY_LEVEL_2_MS = 5_000;
const BOOT_TIMEOUT_MS = 180_000;
/**
 * Transaction checks every 5 s on both (30 s by default), so an UNKNOW transaction is decided within
 * the scenario; not sooner, since Apache records decisions in 3 s batches (docs/transactions.md).
 */
const TRANSACTION_CHECK_INTERVAL_MS = 5_000;
const MODE = '2m-2s-sync';
/**
 * Over conf/2m-2s-sync: the delay levels above, and slaves that copy the masters' topic configs
 * every second instead of every 10 s, so that a send scenario can read a new topic's messages back
 * from the slave at once. No restarts: a process that dies must fail the suite, not be hidden.
 */
const OUR_ARGS = [
  '--set',
  `messageDelayLevel=${DELAY_LEVELS}`,
  '--set',
  'slaveSynchronizeIntervalMillis=1000',
  '--set',
  `transactionCheckInterval=${TRANSACTION_CHECK_INTERVAL_MS}`,
  '--no-restart',
];
const OUR_BROKERS = ['broker-a', 'broker-b'];

/** conf/2m-2s-sync through the launcher on a free port block: 2 name servers, broker-a and broker-b each a SYNC_MASTER with a SLAVE. */
export async function startOurCluster(): Promise<GoTarget> {
  for (let attempt = 1; ; attempt += 1) {
    const offset = await freeLauncherPortOffset();
    const launcher = startLauncher(MODE, suiteTempDir(`go-client-${MODE}`).path, offset, { args: OUR_ARGS });
    const namesrvAddrs = launcherNamesrvAddrs(MODE, offset);
    try {
      const layout = await waitForBrokers(namesrvAddrs, OUR_BROKERS, 2, launcher);
      return { kind: 'ours', namesrvAddr: namesrvAddrs.join(';'), namesrvAddrs, ...layout, stop: () => stopLauncher(launcher) };
    } catch (error) {
      await stopLauncher(launcher);
      // Another process may take a port of the block between the check and the bind.
      if (attempt >= 3 || !/EADDRINUSE|already in use/.test(launcher.output())) throw error;
    }
  }
}

/** Our two name servers and one Apache RocketMQ 5.3.3 broker (ASYNC_MASTER, no slave) registered with both. */
export async function startApacheTarget(): Promise<GoTarget> {
  const namesrvs = [];
  for (let index = 0; index < 2; index += 1)
    namesrvs.push(await startLocalNamesrv({ label: 'go-client-namesrv', logFile: true, bootTimeoutMs: BOOT_TIMEOUT_MS }));
  for (const namesrv of namesrvs) removeAfterSuite(namesrv.dir);
  const namesrvAddrs = namesrvs.map((namesrv) => namesrv.addr);
  const broker = await startApacheBroker({
    namesrvAddr: namesrvAddrs.join(';'),
    brokerName: 'apache-a',
    conf: { messageDelayLevel: DELAY_LEVELS, transactionCheckInterval: String(TRANSACTION_CHECK_INTERVAL_MS) },
    label: 'go-client-apache',
  });
  const layout = await waitForBrokers(namesrvAddrs, [broker.brokerName], 1, broker.process);
  const started = [...namesrvs.map((namesrv) => namesrv.process), broker.process];
  return {
    kind: 'apache',
    namesrvAddr: namesrvAddrs.join(';'),
    namesrvAddrs,
    ...layout,
    stop: async () => {
      await Promise.all(started.map((child) => child.stop({ graceMs: 15_000 })));
    },
  };
}

/**
 * Polls every name server until each of `brokerNames` is listed with brokerIds 0 .. `replicas - 1`
 * (the slaves register after their masters); gives up at once if `owner` exits.
 */
async function waitForBrokers(
  namesrvAddrs: readonly string[],
  brokerNames: readonly string[],
  replicas: number,
  owner: ManagedProcess,
): Promise<Pick<GoTarget, 'masters' | 'slaves'>> {
  let masters: BrokerEndpoint[] = [];
  const slaves = new Map<string, string>();
  await waitFor(
    async () => {
      if (!owner.running) throw new WaitAbortedError(`${owner.name} exited\n${owner.tail(40)}`);
      for (const namesrvAddr of namesrvAddrs) {
        const table = (await brokerClusterInfo(namesrvAddr)).brokerAddrTable;
        for (const brokerName of brokerNames) {
          const addrs = table.get(brokerName)?.brokerAddrs;
          if (addrs === undefined || addrs.size !== replicas) return false;
        }
        masters = brokerNames.map((brokerName) => ({ brokerName, addr: table.get(brokerName)?.brokerAddrs.get(0) ?? '' }));
        for (const brokerName of brokerNames) {
          const slave = table.get(brokerName)?.brokerAddrs.get(1);
          if (slave !== undefined) slaves.set(brokerName, slave);
        }
      }
      return true;
    },
    {
      timeoutMs: BOOT_TIMEOUT_MS,
      intervalMs: 500,
      reason: `${brokerNames.join(', ')} with ${replicas} replica(s) each on ${namesrvAddrs.join(', ')}`,
    },
  );
  return { masters, slaves };
}

/** SIGINT, as Ctrl-C: the launcher stops masters, slaves, then name servers; it is SIGKILLed if it hangs. */
async function stopLauncher(launcher: ManagedProcess): Promise<void> {
  if (!launcher.running) return;
  launcher.kill('SIGINT');
  try {
    await launcher.waitForExit({ timeoutMs: 90_000, reason: 'the launcher stopped its cluster' });
  } catch {
    await launcher.stop({ graceMs: 1_000 });
  }
}
