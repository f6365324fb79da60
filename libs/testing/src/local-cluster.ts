import { at } from '@rocketmq-ts/base';

import { processes } from './process-harness';
import {
  type LocalBroker,
  type LocalNamesrv,
  type LocalProcessOptions,
  retryOnPortRace,
  startLocalBroker,
  startLocalNamesrv,
} from './local-servers';

export interface LocalClusterOptions extends Omit<LocalProcessOptions, 'name'> {
  /** Name servers to start (default 1); the broker registers with each. */
  readonly namesrvCount?: number;
  /** Default `local-broker`. */
  readonly brokerName?: string;
  /** More broker `--key=value` settings, e.g. `{ messageDelayLevel, autoCreateTopicEnable: 'false' }`. */
  readonly brokerSettings?: Readonly<Record<string, string>>;
  /** Boots in all when a freshly picked port was taken before the server bound it (default 3). */
  readonly bootAttempts?: number;
}

export interface LocalCluster {
  /** The first name server (the only one unless `namesrvCount` asked for more). */
  readonly namesrvAddr: string;
  /** Every name server, in start order. */
  readonly namesrvAddrs: readonly string[];
  /** E.g. to SIGKILL one in a failover test. */
  readonly namesrvs: readonly LocalNamesrv[];
  readonly broker: LocalBroker;
  readonly brokerAddr: string;
  readonly brokerName: string;
  /**
   * Stops every process the harness started (the cluster's and any the test spawned beside it, as
   * an afterAll wants), then removes the cluster's directories.
   */
  stop(): Promise<void>;
}

/**
 * One broker and `namesrvCount` name servers as child processes, booted again on new ports when
 * another process took a picked port first. The usual spec setup:
 *
 *   cluster = await startLocalCluster({ label: 'client-spec', brokerSettings: { maxMessageSize: '4096' } });
 *   ...
 *   await cluster.stop();
 */
export function startLocalCluster(options: LocalClusterOptions = {}): Promise<LocalCluster> {
  return retryOnPortRace(() => startOnce(options), options.bootAttempts);
}

async function startOnce(options: LocalClusterOptions): Promise<LocalCluster> {
  const label = options.label ?? 'local-cluster';
  const common = { logFile: options.logFile, bootTimeoutMs: options.bootTimeoutMs };
  const booted = await Promise.allSettled(
    Array.from({ length: options.namesrvCount ?? 1 }, () => startLocalNamesrv({ ...common, label: `${label}-namesrv` })),
  );
  const namesrvs = booted.flatMap((one) => (one.status === 'fulfilled' ? [one.value] : []));
  const stopNamesrvs = async (): Promise<void> => {
    await Promise.all(namesrvs.map((namesrv) => namesrv.process.stop({ graceMs: 5_000 })));
    for (const namesrv of namesrvs) namesrv.dir.remove();
  };
  const failed = booted.find((one) => one.status === 'rejected');
  if (failed !== undefined) {
    await stopNamesrvs();
    throw failed.reason;
  }
  const namesrvAddrs = namesrvs.map((namesrv) => namesrv.addr);
  let broker: LocalBroker;
  try {
    broker = await startLocalBroker({
      ...common,
      label: `${label}-store`,
      namesrvAddr: namesrvAddrs.join(';'),
      brokerName: options.brokerName ?? 'local-broker',
      settings: options.brokerSettings,
    });
  } catch (error) {
    await stopNamesrvs();
    throw error;
  }
  return {
    namesrvAddr: at(namesrvAddrs, 0, 'namesrvAddrs'),
    namesrvAddrs,
    namesrvs,
    broker,
    brokerAddr: broker.addr,
    brokerName: broker.brokerName,
    stop: async () => {
      await processes.stopAll({ graceMs: 10_000 });
      for (const dir of [...namesrvs.map((namesrv) => namesrv.dir), broker.dir]) dir.remove();
    },
  };
}
