import { BROKER_BIN, createTempDir, freePort, freePortPair, JAVA_INTEROP_DIR, type ManagedProcess, NAMESRV_BIN, spawnProcess, type TempDir, WORKSPACE_ROOT } from '@rocketmq-ts/testing';

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

const tempDirs: TempDir[] = [];

function tempDir(prefix: string): TempDir {
  const dir = createTempDir(prefix);
  tempDirs.push(dir);
  return dir;
}

export function removeTempDirs(): void {
  for (const dir of tempDirs.splice(0)) dir.remove();
}

/** Our name server(s) and one broker of `kind`, registered to all of them and listed as master. */
export async function startClientCluster(kind: BrokerKind, options: { namesrvCount?: number } = {}): Promise<ClientCluster> {
  const namesrvs: RunningNamesrv[] = [];
  for (let index = 0; index < (options.namesrvCount ?? 1); index += 1) namesrvs.push(await startNamesrv());
  const namesrvAddr = namesrvs.map((namesrv) => namesrv.address).join(';');
  const names = { brokerName: `client-e2e-${kind}`, clusterName: 'DefaultCluster' };
  const brokerAddr = await retryPortRace(() => (kind === 'ours' ? startOurBroker(namesrvAddr, names.brokerName) : startApacheBroker(namesrvAddr, names)));
  for (const namesrv of namesrvs) await waitForMaster(namesrv.address, names.brokerName, brokerAddr);
  return { kind, namesrvs, namesrvAddr, brokerAddr, ...names };
}

/**
 * A free port can be taken by another process between the probe and the broker's bind (the Apache
 * broker binds three). Such a boot fails fast with "Address already in use"; try new ports then.
 */
async function retryPortRace<T>(boot: () => Promise<T>, attempts = 3): Promise<T> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await boot();
    } catch (error) {
      const lostRace = error instanceof Error && /Address already in use|EADDRINUSE/.test(error.message);
      if (!lostRace || attempt >= attempts) throw error;
    }
  }
}

async function startNamesrv(): Promise<RunningNamesrv> {
  const [port, httpPort] = [await freePort(), await freePort()];
  const home = tempDir('client-e2e-namesrv');
  const child = spawnProcess({
    name: `namesrv:${port}`,
    command: NAMESRV_BIN,
    args: [`--listenPort=${port}`, `--httpPort=${httpPort}`, `--kvConfigPath=${home.path}/kvConfig.json`],
    cwd: WORKSPACE_ROOT,
    env: { HOME: home.path },
    logFile: true,
  });
  await child.waitForPort(port, { timeoutMs: BOOT_TIMEOUT_MS, reason: `name server on 127.0.0.1:${port}` });
  return { address: `127.0.0.1:${port}`, process: child };
}

async function startOurBroker(namesrvAddr: string, brokerName: string): Promise<string> {
  const [port, httpPort] = [await freePort(), await freePort()];
  const store = tempDir('client-e2e-store');
  const settings: Record<string, string> = {
    namesrvAddr,
    listenPort: String(port),
    httpPort: String(httpPort),
    brokerIP1: '127.0.0.1',
    bindAddress: '127.0.0.1',
    brokerName,
    storePathRootDir: store.path,
    messageDelayLevel: FAST_DELAY_LEVELS,
  };
  const child = spawnProcess({
    name: `broker(${brokerName})`,
    command: BROKER_BIN,
    args: Object.entries(settings).map(([key, value]) => `--${key}=${value}`),
    cwd: WORKSPACE_ROOT,
    env: { HOME: store.path },
    logFile: true,
  });
  await child.waitForOutput(/boot success/, { timeoutMs: BOOT_TIMEOUT_MS, reason: `broker ${brokerName} on 127.0.0.1:${port}` });
  return `127.0.0.1:${port}`;
}

/** Apache RocketMQ 5.3.3 (tools/interop/java/bin/run-broker.sh), ASYNC_MASTER, auto-create on. */
async function startApacheBroker(namesrvAddr: string, names: { brokerName: string; clusterName: string }): Promise<string> {
  const port = await freePortPair({ withVipPort: true });
  const work = tempDir('client-e2e-apache');
  const child = spawnProcess({
    name: `apache-broker(${names.brokerName})`,
    command: `${JAVA_INTEROP_DIR}/bin/run-broker.sh`,
    args: [namesrvAddr, String(port), work.path, names.brokerName, names.clusterName],
    env: { BROKER_EXTRA_CONF: `messageDelayLevel=${FAST_DELAY_LEVELS}` },
    logFile: true,
  });
  await child.waitForOutput(/boot success/, { timeoutMs: BOOT_TIMEOUT_MS, reason: `Apache broker ${names.brokerName} on port ${port}` });
  return `127.0.0.1:${port}`;
}
