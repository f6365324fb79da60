import { join } from 'node:path';

import { BROKER_BIN, freePort, type ManagedProcess, NAMESRV_BIN, spawnProcess, WORKSPACE_ROOT } from '@rocketmq-ts/testing';

import { tempDir } from './hygiene';

const BOOT_TIMEOUT_MS = 90_000;

/** The deployment modes of conf/, as `npm start -- --mode` names them. */
export type DeploymentMode = 'single' | '2m-noslave' | '2m-2s-async' | '2m-2s-sync';

export interface RunningNamesrv {
  readonly address: string;
  readonly process: ManagedProcess;
}

export async function startNamesrv(): Promise<RunningNamesrv> {
  const [port, httpPort] = [await freePort(), await freePort()];
  const home = tempDir('ha-e2e-namesrv');
  const child = spawnProcess({
    name: `namesrv:${port}`,
    command: NAMESRV_BIN,
    args: [`--listenPort=${port}`, `--httpPort=${httpPort}`, '--bindAddress=127.0.0.1', `--kvConfigPath=${home.path}/kvConfig.json`],
    cwd: WORKSPACE_ROOT,
    env: { HOME: home.path },
    logFile: true,
  });
  await child.waitForPort(port, { timeoutMs: BOOT_TIMEOUT_MS, reason: `name server listening on 127.0.0.1:${port}` });
  return { address: `127.0.0.1:${port}`, process: child };
}

/**
 * One broker of a deployment mode: `bin/mqbroker -c conf/<mode>/<file>.properties` with what a
 * test run adds (name servers, loopback, its own ports and store, test settings). The ports and
 * the store stay the same across restarts, as they do for an operator restarting a broker.
 */
export class HABroker {
  private current: ManagedProcess | undefined;
  private boots = 0;

  private constructor(
    readonly name: string,
    readonly confFile: string,
    readonly storeDir: string,
    readonly port: number,
    readonly haPort: number,
    private readonly args: readonly string[],
  ) {}

  static async create(
    mode: DeploymentMode,
    file: string,
    namesrvAddr: string,
    settings: Readonly<Record<string, string>> = {},
  ): Promise<HABroker> {
    const [port, haPort, httpPort] = [await freePort(), await freePort(), await freePort()];
    const storeDir = tempDir(`ha-e2e-${file}`).path;
    const confFile = join(WORKSPACE_ROOT, 'conf', mode, `${file}.properties`);
    const all: Record<string, string> = {
      brokerIP1: '127.0.0.1',
      bindAddress: '127.0.0.1',
      listenPort: String(port),
      haListenPort: String(haPort),
      httpPort: String(httpPort),
      storePathRootDir: storeDir,
      ...settings,
    };
    const args = ['-c', confFile, '-n', namesrvAddr, ...Object.entries(all).map(([key, value]) => `--${key}=${value}`)];
    return new HABroker(file, confFile, storeDir, port, haPort, args);
  }

  get address(): string {
    return `127.0.0.1:${this.port}`;
  }

  get process(): ManagedProcess {
    if (this.current === undefined) throw new Error(`${this.name} was never started`);
    return this.current;
  }

  get running(): boolean {
    return this.current?.running ?? false;
  }

  /** Boots (or boots again on the same store and ports) and waits for "boot success". */
  async start(): Promise<void> {
    if (this.running) throw new Error(`${this.name} is already running`);
    this.boots += 1;
    const child = spawnProcess({
      name: `${this.name}-boot-${this.boots}`,
      command: BROKER_BIN,
      args: this.args,
      cwd: WORKSPACE_ROOT,
      env: { HOME: this.storeDir },
      logFile: true,
    });
    this.current = child;
    await child.waitForOutput(/boot success/, { timeoutMs: BOOT_TIMEOUT_MS, reason: `${this.name} boot ${this.boots} on ${this.address}` });
  }

  /** SIGKILL: no shutdown hook runs, the abort file stays. Resolves once the process is gone. */
  async kill(): Promise<void> {
    const child = this.process;
    child.kill('SIGKILL');
    await child.waitForExit({ timeoutMs: 10_000, reason: `${child.name} gone after SIGKILL` });
  }

  async stop(): Promise<void> {
    await this.current?.stop({ graceMs: 10_000 });
  }
}

export interface HAPairCluster {
  readonly namesrv: RunningNamesrv;
  /** By conf file name: broker-a, broker-a-s, broker-b, broker-b-s (those the mode has). */
  readonly brokers: ReadonlyMap<string, HABroker>;
  broker(name: string): HABroker;
}

/** A name server and every broker of `mode` (masters first, then slaves), all booted. */
export async function startModeCluster(
  mode: DeploymentMode,
  files: readonly string[],
  settings: Readonly<Record<string, string>> = {},
): Promise<HAPairCluster> {
  const namesrv = await startNamesrv();
  const brokers = new Map<string, HABroker>();
  for (const file of files) brokers.set(file, await HABroker.create(mode, file, namesrv.address, settings));
  const masters = files.filter((file) => !file.endsWith('-s'));
  const slaves = files.filter((file) => file.endsWith('-s'));
  await Promise.all(masters.map((file) => brokers.get(file)?.start()));
  await Promise.all(slaves.map((file) => brokers.get(file)?.start()));
  return {
    namesrv,
    brokers,
    broker: (name) => {
      const found = brokers.get(name);
      if (found === undefined) throw new Error(`no broker ${name} in this cluster`);
      return found;
    },
  };
}
