import { spawnProcess, type ManagedProcess } from './process-harness';
import { freePortPair } from './ports';
import { suiteTempDir } from './suite-hygiene';
import type { TempDir } from './temp-dir';
import { JAVA_INTEROP_DIR } from './workspace-paths';

const BOOT_TIMEOUT_MS = 120_000;

export interface ApacheBrokerOptions {
  readonly namesrvAddr: string;
  readonly brokerName: string;
  readonly clusterName?: string;
  /** broker.conf lines beyond run-broker.sh's (`key=value`), e.g. `{ flushDiskType: 'SYNC_FLUSH' }`. */
  readonly conf?: Readonly<Record<string, string>>;
  readonly label?: string;
}

export interface ApacheBroker {
  readonly addr: string;
  readonly port: number;
  readonly brokerName: string;
  readonly process: ManagedProcess;
  /** broker.conf, store and logs; removed after the suite. */
  readonly dir: TempDir;
  readonly options: ApacheBrokerOptions;
}

/**
 * A real Apache RocketMQ 5.3.3 broker (tools/interop/java/bin/run-broker.sh; master, ASYNC_MASTER,
 * auto-create on), registered to `namesrvAddr`: the reference a scenario runs against so that a
 * failure is known to be ours. Its listen port has the HA (+1) and fast (-2) ports free beside it.
 */
export async function startApacheBroker(options: ApacheBrokerOptions): Promise<ApacheBroker> {
  const port = await freePortPair({ withVipPort: true });
  const dir = suiteTempDir(options.label ?? 'apache-broker');
  const child = spawnApache(options, port, dir, options.brokerName);
  await child.waitForOutput(/boot success/, { timeoutMs: BOOT_TIMEOUT_MS, reason: `Apache broker ${options.brokerName} on port ${port}` });
  return { addr: `127.0.0.1:${port}`, port, brokerName: options.brokerName, process: child, dir, options };
}

/** Starts a stopped (or SIGKILLed) Apache broker again on its port and store. */
export async function restartApacheBroker(broker: ApacheBroker): Promise<ApacheBroker> {
  const child = spawnApache(broker.options, broker.port, broker.dir, `${broker.brokerName}-restarted`);
  await child.waitForOutput(/boot success/, {
    timeoutMs: BOOT_TIMEOUT_MS,
    reason: `Apache broker ${broker.brokerName} restarted on port ${broker.port}`,
  });
  return { ...broker, process: child };
}

function spawnApache(options: ApacheBrokerOptions, port: number, dir: TempDir, label: string): ManagedProcess {
  const conf = Object.entries(options.conf ?? {})
    .map(([key, value]) => `${key}=${value}`)
    .join('\n');
  return spawnProcess({
    name: `apache-broker(${label})`,
    command: `${JAVA_INTEROP_DIR}/bin/run-broker.sh`,
    args: [options.namesrvAddr, String(port), dir.path, options.brokerName, options.clusterName ?? 'DefaultCluster'],
    env: { BROKER_EXTRA_CONF: conf },
    logFile: true,
  });
}
