import { freePort, freePorts, LOOPBACK } from './ports';
import { type ManagedProcess, spawnProcess } from './process-harness';
import { createTempDir, type TempDir } from './temp-dir';
import { BROKER_BIN, NAMESRV_BIN, WORKSPACE_ROOT } from './workspace-paths';

// Our name server and broker as child processes started through bin/mqnamesrv and bin/mqbroker, so
// specs and suites go through the same wire (and the same scripts) a user's Java client would.

/** A cold `bin/` start compiles TypeScript on load; on the shared CI machine that can be slow. */
const DEFAULT_BOOT_TIMEOUT_MS = 90_000;

export interface LocalProcessOptions {
  /** Prefix of the temp directory that is the process's HOME (and the broker's store). */
  readonly label?: string;
  /** Name in logs and of the log file; a default naming the port or broker is used otherwise. */
  readonly name?: string;
  /** Passed to spawnProcess: also write every output line to a file. */
  readonly logFile?: string | boolean;
  readonly bootTimeoutMs?: number;
}

export interface LocalNamesrvOptions extends LocalProcessOptions {
  /** Listen on this port (a test that starts the name server late, on a known address); a free one by default. */
  readonly port?: number;
  /** More `--key=value` settings, e.g. `{ tlsMode: 'permissive', ... }`. */
  readonly settings?: Readonly<Record<string, string>>;
}

export interface LocalNamesrv {
  readonly addr: string;
  readonly port: number;
  readonly httpPort: number;
  readonly process: ManagedProcess;
  /** Its HOME and kvConfig; the caller removes it (LocalCluster.stop does). */
  readonly dir: TempDir;
}

export interface LocalBrokerOptions extends LocalProcessOptions {
  /** One name server or several, `;`-joined. */
  readonly namesrvAddr: string;
  readonly brokerName: string;
  /** More `--key=value` settings, e.g. `{ brokerClusterName, messageDelayLevel }`; they win over the defaults. */
  readonly settings?: Readonly<Record<string, string>>;
}

export interface LocalBroker {
  readonly addr: string;
  readonly port: number;
  readonly httpPort: number;
  readonly brokerName: string;
  readonly process: ManagedProcess;
  /** Its HOME and store root; the caller removes it (LocalCluster.stop does). */
  readonly dir: TempDir;
  /** The `--key=value` settings it was started with, so `restartLocalBroker` can start it again as it was. */
  readonly settings: Readonly<Record<string, string>>;
}

/** Starts a name server and waits until it accepts connections. On failure nothing of it is left. */
export async function startLocalNamesrv(options: LocalNamesrvOptions = {}): Promise<LocalNamesrv> {
  const [port, httpPort] = options.port === undefined ? ((await freePorts(2)) as [number, number]) : [options.port, await freePort()];
  const dir = createTempDir(options.label ?? 'local-namesrv');
  const child = spawnProcess({
    name: options.name ?? `namesrv:${port}`,
    command: NAMESRV_BIN,
    args: [
      `--listenPort=${port}`,
      `--httpPort=${httpPort}`,
      `--kvConfigPath=${dir.path}/kvConfig.json`,
      ...Object.entries(options.settings ?? {}).map(([key, value]) => `--${key}=${value}`),
    ],
    cwd: WORKSPACE_ROOT,
    env: { HOME: dir.path },
    logFile: options.logFile,
  });
  const addr = `${LOOPBACK}:${port}`;
  await cleanUpOnFailure(
    child.waitForPort(port, { timeoutMs: options.bootTimeoutMs ?? DEFAULT_BOOT_TIMEOUT_MS, reason: `name server on ${addr}` }),
    child,
    dir,
  );
  return { addr, port, httpPort, process: child, dir };
}

/** Starts a broker registered with `namesrvAddr` and waits for its "boot success". On failure nothing of it is left. */
export async function startLocalBroker(options: LocalBrokerOptions): Promise<LocalBroker> {
  // The HA port gets its own free port: listenPort + 1 may be anybody's ephemeral port.
  const [port, httpPort, haPort, fastPort] = (await freePorts(4)) as [number, number, number, number];
  const dir = createTempDir(options.label ?? 'local-broker');
  const settings: Record<string, string> = {
    namesrvAddr: options.namesrvAddr,
    listenPort: String(port),
    httpPort: String(httpPort),
    haListenPort: String(haPort),
    // The fast (VIP) port too: listenPort - 2 may be anybody's.
    fastListenPort: String(fastPort),
    brokerIP1: LOOPBACK,
    bindAddress: LOOPBACK,
    brokerName: options.brokerName,
    storePathRootDir: dir.path,
    ...options.settings,
  };
  const child = spawnBroker(options.name ?? `broker(${options.brokerName})`, settings, dir, options.logFile);
  const addr = `${LOOPBACK}:${port}`;
  await cleanUpOnFailure(
    child.waitForOutput(/boot success/, {
      timeoutMs: options.bootTimeoutMs ?? DEFAULT_BOOT_TIMEOUT_MS,
      reason: `broker ${options.brokerName} on ${addr}`,
    }),
    child,
    dir,
  );
  return { addr, port, httpPort, brokerName: options.brokerName, process: child, dir, settings };
}

/**
 * Starts a stopped (or SIGKILLed) local broker again on its ports and store, e.g. to check what a
 * crash kept. Resolves once it booted; the returned broker has the new process.
 */
export async function restartLocalBroker(
  broker: LocalBroker,
  options: { readonly bootTimeoutMs?: number; readonly logFile?: boolean } = {},
): Promise<LocalBroker> {
  const child = spawnBroker(`${broker.process.name}-restarted`, broker.settings, broker.dir, options.logFile);
  await child.waitForOutput(/boot success/, {
    timeoutMs: options.bootTimeoutMs ?? DEFAULT_BOOT_TIMEOUT_MS,
    reason: `broker ${broker.brokerName} restarted on ${broker.addr}`,
  });
  return { ...broker, process: child };
}

function spawnBroker(
  name: string,
  settings: Readonly<Record<string, string>>,
  dir: TempDir,
  logFile: string | boolean | undefined,
): ManagedProcess {
  return spawnProcess({
    name,
    command: BROKER_BIN,
    args: Object.entries(settings).map(([key, value]) => `--${key}=${value}`),
    cwd: WORKSPACE_ROOT,
    env: { HOME: dir.path },
    logFile,
  });
}

async function cleanUpOnFailure(ready: Promise<unknown>, child: ManagedProcess, dir: TempDir): Promise<void> {
  try {
    await ready;
  } catch (error) {
    await child.stop({ graceMs: 5_000 });
    dir.remove();
    throw error;
  }
}

/**
 * Runs `boot` again (up to `attempts` times in all) when it failed because a port picked by freePort
 * was taken by another process before the server bound it: other suites on this machine pick free
 * ports too. Any other failure is thrown at once.
 */
export async function retryOnPortRace<T>(boot: () => Promise<T>, attempts = 3): Promise<T> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await boot();
    } catch (error) {
      if (attempt >= attempts || !lostPortRace(error)) throw error;
    }
  }
}

function lostPortRace(error: unknown): boolean {
  for (
    let current: unknown = error;
    current !== undefined && current !== null;
    current = current instanceof Error ? current.cause : undefined
  ) {
    if (/EADDRINUSE|Address already in use/.test(current instanceof Error ? current.message : String(current))) return true;
  }
  return false;
}
