import {
  BROKER_BIN,
  freePortPair,
  freePorts,
  JAVA_INTEROP_DIR,
  type ManagedProcess,
  spawnProcess,
  suiteTempDir,
  WORKSPACE_ROOT,
} from '@rocketmq-ts/testing';

const BOOT_TIMEOUT_MS = 120_000;

export type BrokerKind = 'ours' | 'apache';

/**
 * One broker that can be SIGKILLed and booted again on the same store and ports, so clients find
 * it at the address the name server already routes to.
 */
export interface TimerBroker {
  readonly kind: BrokerKind;
  readonly address: string;
  readonly brokerName: string;
  /** SIGKILL: no shutdown hook runs, nothing is flushed. */
  kill(): Promise<void>;
  /** Boots again on the same store; resolves at "boot success". */
  restart(): Promise<void>;
}

interface Boot {
  readonly name: string;
  readonly command: string;
  readonly args: readonly string[];
  readonly env: Readonly<Record<string, string>>;
}

async function bootOnce(boot: Boot, attempt: number): Promise<ManagedProcess> {
  const child = spawnProcess({ name: `${boot.name}-${attempt}`, command: boot.command, args: [...boot.args], env: { ...boot.env }, cwd: WORKSPACE_ROOT, logFile: true, maxLines: 600 });
  await child.waitForOutput(/boot success/, { timeoutMs: BOOT_TIMEOUT_MS, reason: `${boot.name} boot ${attempt}` });
  return child;
}

function restartable(kind: BrokerKind, address: string, brokerName: string, boot: Boot, first: ManagedProcess): TimerBroker {
  let current = first;
  let boots = 1;
  return {
    kind,
    address,
    brokerName,
    kill: async () => {
      current.kill('SIGKILL');
      await current.waitForExit({ timeoutMs: 15_000, reason: `${current.name} gone after SIGKILL` });
    },
    restart: async () => {
      // The listening port of a killed process is free at once; a connection it held in TIME_WAIT
      // does not block the bind (SO_REUSEADDR), so the same ports are taken again.
      current = await bootOnce(boot, ++boots);
    },
  };
}

/** Our broker (bin/mqbroker), ASYNC_MASTER, default timer keys (precision 1 s). */
export async function startOurTimerBroker(namesrvAddr: string, brokerName: string): Promise<TimerBroker> {
  const [port, httpPort, haPort] = (await freePorts(3)) as [number, number, number];
  const store = suiteTempDir('timer-e2e-ours');
  const settings: Record<string, string> = {
    namesrvAddr, brokerName, listenPort: String(port), httpPort: String(httpPort), haListenPort: String(haPort),
    brokerIP1: '127.0.0.1', bindAddress: '127.0.0.1', storePathRootDir: store.path,
  };
  const boot: Boot = { name: `our-broker(${brokerName})`, command: BROKER_BIN, args: Object.entries(settings).map(([key, value]) => `--${key}=${value}`), env: { HOME: store.path } };
  return restartable('ours', `127.0.0.1:${port}`, brokerName, boot, await bootOnce(boot, 1));
}

/** Apache RocketMQ 5.3.3 (tools/interop/java/bin/run-broker.sh) with its timer wheel turned back on. */
export async function startApacheTimerBroker(namesrvAddr: string, brokerName: string): Promise<TimerBroker> {
  const port = await freePortPair({ withVipPort: true });
  const work = suiteTempDir('timer-e2e-apache');
  const boot: Boot = {
    name: `apache-broker(${brokerName})`,
    command: `${JAVA_INTEROP_DIR}/bin/run-broker.sh`,
    args: [namesrvAddr, String(port), work.path, brokerName, 'DefaultCluster'],
    env: { BROKER_EXTRA_CONF: 'timerWheelEnable=true' },
  };
  return restartable('apache', `127.0.0.1:${port}`, brokerName, boot, await bootOnce(boot, 1));
}
