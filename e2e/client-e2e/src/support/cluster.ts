import {
  type ManagedProcess,
  removeAfterSuite,
  retryOnPortRace,
  startApacheBroker,
  startLocalBroker,
  startLocalNamesrv,
  waitForMaster,
} from '@rocketmq-ts/testing';

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
export async function startClientCluster(
  kind: BrokerKind,
  options: { namesrvCount?: number; brokerSettings?: Readonly<Record<string, string>> } = {},
): Promise<ClientCluster> {
  const namesrvs: RunningNamesrv[] = [];
  for (let index = 0; index < (options.namesrvCount ?? 1); index += 1) namesrvs.push(await startNamesrv());
  const namesrvAddr = namesrvs.map((namesrv) => namesrv.address).join(';');
  const names = { brokerName: `client-e2e-${kind}`, clusterName: 'DefaultCluster' };
  const extra = options.brokerSettings ?? {};
  const brokerAddr = await retryOnPortRace(() =>
    kind === 'ours' ? startOurBroker(namesrvAddr, names.brokerName, extra) : startReferenceBroker(namesrvAddr, names, extra),
  );
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
  const broker = await startLocalBroker({
    label: 'client-e2e-store',
    namesrvAddr,
    brokerName,
    settings,
    logFile: true,
    bootTimeoutMs: BOOT_TIMEOUT_MS,
  });
  removeAfterSuite(broker.dir);
  return broker.addr;
}

/** Apache RocketMQ 5.3.3 (libs/testing's startApacheBroker), with the same fast delay levels as ours. */
async function startReferenceBroker(
  namesrvAddr: string,
  names: { brokerName: string; clusterName: string },
  extra: Readonly<Record<string, string>>,
): Promise<string> {
  const broker = await startApacheBroker({
    namesrvAddr,
    ...names,
    conf: { messageDelayLevel: FAST_DELAY_LEVELS, ...extra },
    label: 'client-e2e-apache',
  });
  return broker.addr;
}
