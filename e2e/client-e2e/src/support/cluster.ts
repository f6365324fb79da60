import { freePortPair, JAVA_INTEROP_DIR, type ManagedProcess, removeAfterSuite, retryOnPortRace, spawnProcess, startLocalBroker, startLocalNamesrv, suiteTempDir } from '@rocketmq-ts/testing';

import { waitForMaster } from './remoting-admin';

/** The two brokers every client behaviour is checked against. */
export type BrokerKind = 'ours' | 'apache';
export const BROKER_KINDS: readonly BrokerKind[] = ['ours', 'apache'];

/**
 * Every delay level is one second, on both brokers, so that retries (level 3 + reconsumeTimes)
 * come back in a second instead of 10 s, 30 s, 1 min…
 */
const FAST_DELAY_LEVELS = Array.from({ length: 18 }, () => '1s').join(' ');
const BOOT_TIMEOUT_MS = 120_000;

export interface RunningNamesrv {
  readonly address: string;
  readonly process: ManagedProcess;
}

export interface ClientCluster {
  readonly kind: BrokerKind;
  readonly namesrvs: readonly RunningNamesrv[];
  /** Every name server, `;`-joined as RocketMQ clients take them. */
  readonly namesrvAddr: string;
  readonly brokerAddr: string;
  readonly brokerName: string;
  readonly clusterName: string;
}


/**
 * Our name server(s) and one broker of `kind`, registered to all of them and listed as master.
 * `brokerSettings` are broker.conf keys both brokers know (e.g. enablePropertyFilter).
 */
export async function startClientCluster(kind: BrokerKind, options: { namesrvCount?: number; brokerSettings?: Readonly<Record<string, string>> } = {}): Promise<ClientCluster> {
  const namesrvs: RunningNamesrv[] = [];
  for (let index = 0; index < (options.namesrvCount ?? 1); index += 1) namesrvs.push(await startNamesrv());
  const namesrvAddr = namesrvs.map((namesrv) => namesrv.address).join(';');
  const names = { brokerName: `client-e2e-${kind}`, clusterName: 'DefaultCluster' };
  const extra = options.brokerSettings ?? {};
  const brokerAddr = await retryOnPortRace(() => (kind === 'ours' ? startOurBroker(namesrvAddr, names.brokerName, extra) : startApacheBroker(namesrvAddr, names, extra)));
  for (const namesrv of namesrvs) await waitForMaster(namesrv.address, names.brokerName, brokerAddr);
  return { kind, namesrvs, namesrvAddr, brokerAddr, ...names };
}

async function startNamesrv(): Promise<RunningNamesrv> {
  const namesrv = await startLocalNamesrv({ label: 'client-e2e-namesrv', logFile: true, bootTimeoutMs: BOOT_TIMEOUT_MS });
  removeAfterSuite(namesrv.dir);
  return { address: namesrv.addr, process: namesrv.process };
}

async function startOurBroker(namesrvAddr: string, brokerName: string, extra: Readonly<Record<string, string>>): Promise<string> {
  const settings = { messageDelayLevel: FAST_DELAY_LEVELS, ...extra };
  const broker = await startLocalBroker({ label: 'client-e2e-store', namesrvAddr, brokerName, settings, logFile: true, bootTimeoutMs: BOOT_TIMEOUT_MS });
  removeAfterSuite(broker.dir);
  return broker.addr;
}

/** Apache RocketMQ 5.3.3 (tools/interop/java/bin/run-broker.sh), ASYNC_MASTER, auto-create on. */
async function startApacheBroker(namesrvAddr: string, names: { brokerName: string; clusterName: string }, extra: Readonly<Record<string, string>>): Promise<string> {
  const port = await freePortPair({ withVipPort: true });
  const work = suiteTempDir('client-e2e-apache');
  const child = spawnProcess({
    name: `apache-broker(${names.brokerName})`,
    command: `${JAVA_INTEROP_DIR}/bin/run-broker.sh`,
    args: [namesrvAddr, String(port), work.path, names.brokerName, names.clusterName],
    env: { BROKER_EXTRA_CONF: [`messageDelayLevel=${FAST_DELAY_LEVELS}`, ...Object.entries(extra).map(([key, value]) => `${key}=${value}`)].join('\n') },
    logFile: true,
  });
  await child.waitForOutput(/boot success/, { timeoutMs: BOOT_TIMEOUT_MS, reason: `Apache broker ${names.brokerName} on port ${port}` });
  return `127.0.0.1:${port}`;
}
