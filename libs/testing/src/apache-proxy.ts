import { resolve } from 'node:path';

import { finishedJavaRun, type JavaRun } from './java-client';
import { type ManagedProcess, spawnProcess } from './process-harness';
import { freePort, freePortPair } from './ports';
import { suiteTempDir } from './suite-hygiene';
import { createTempDir, type TempDir } from './temp-dir';
import { WORKSPACE_ROOT } from './workspace-paths';

/** tools/interop/java-grpc: the Java 5 gRPC client drivers and Apache's proxy (built by its setup.sh). */
export const JAVA_GRPC_DIR = resolve(WORKSPACE_ROOT, 'tools/interop/java-grpc');
const BIN = resolve(JAVA_GRPC_DIR, 'bin');
const BOOT_TIMEOUT_MS = 180_000;

export interface ApacheProxy {
  /** The proxy's gRPC endpoint `127.0.0.1:port` (TLS and plaintext on one port). */
  readonly grpcEndpoint: string;
  /** The embedded broker's remoting address, for admin requests (topics, groups). */
  readonly brokerAddr: string;
  readonly brokerPort: number;
  /** The embedded broker's name (run-proxy.sh writes it into broker.conf). */
  readonly brokerName: string;
  readonly namesrvAddr: string;
  readonly namesrv: ManagedProcess;
  readonly proxy: ManagedProcess;
  readonly dir: TempDir;
}

/**
 * Apache RocketMQ 5.3.3's name server and its proxy in local mode (`ProxyStartup -pm local`, the
 * broker inside the proxy's JVM) on free ports: the reference the gRPC suite and benchmark run the
 * Java 5 client against, so that a difference is known to be ours. `brokerConf` adds broker.conf
 * lines (e.g. `transactionCheckInterval`), `proxyConfig` rmq-proxy.json fields. Slow to start (tens of seconds): start it once per suite.
 */
export async function startApacheProxy(
  options: {
    readonly label?: string;
    readonly brokerConf?: Readonly<Record<string, string>>;
    readonly proxyConfig?: Readonly<Record<string, string | number | boolean>>;
  } = {},
): Promise<ApacheProxy> {
  const dir = suiteTempDir(options.label ?? 'apache-proxy');
  const namesrvPort = await freePort();
  const namesrv = spawnProcess({
    name: 'apache-namesrv(grpc)',
    command: `${BIN}/run-namesrv.sh`,
    args: [String(namesrvPort), `${dir.path}/namesrv`],
    logFile: true,
  });
  await namesrv.waitForOutput(/boot success/i, { timeoutMs: BOOT_TIMEOUT_MS, reason: `Apache name server on ${namesrvPort}` });
  const namesrvAddr = `127.0.0.1:${namesrvPort}`;
  const brokerPort = await freePortPair({ withVipPort: true });
  const [grpcPort, remotingPort] = [await freePort(), await freePort()];
  const conf = Object.entries(options.brokerConf ?? {})
    .map(([key, value]) => `${key}=${value}`)
    .join('\n');
  const proxy = spawnProcess({
    name: 'apache-proxy(local)',
    command: `${BIN}/run-proxy.sh`,
    args: [namesrvAddr, String(brokerPort), String(grpcPort), String(remotingPort), `${dir.path}/proxy`],
    env: {
      BROKER_EXTRA_CONF: conf,
      PROXY_EXTRA_JSON: Object.entries(options.proxyConfig ?? {})
        .map(([key, value]) => `${JSON.stringify(key)}: ${JSON.stringify(value)},`)
        .join('\n'),
    },
    logFile: true,
  });
  await proxy.waitForOutput(/rocketmq-proxy startup successfully/, {
    timeoutMs: BOOT_TIMEOUT_MS,
    reason: `Apache proxy (local mode) gRPC ${grpcPort}, broker ${brokerPort}`,
  });
  return {
    grpcEndpoint: `127.0.0.1:${grpcPort}`,
    brokerAddr: `127.0.0.1:${brokerPort}`,
    brokerPort,
    brokerName: 'proxy-broker',
    namesrvAddr,
    namesrv,
    proxy,
    dir,
  };
}

/** A Java 5 gRPC client program's run: the same shape as the remoting client programs'. */
export type GrpcJavaRun = JavaRun;

/** Runs one of tools/interop/java-grpc's programs (Java 5 gRPC client) to its end and parses its SUMMARY line. */
export async function runGrpcJava(program: string, args: readonly string[], timeoutMs: number): Promise<GrpcJavaRun> {
  const home = createTempDir('java-grpc-client');
  const child = spawnProcess({
    name: `java ${program} ${args[0] ?? ''}`,
    command: `${BIN}/run-grpc-client.sh`,
    args: [program, ...args],
    env: { CLIENT_HOME: home.path },
    logFile: true,
    maxLines: 20_000,
  });
  try {
    return await finishedJavaRun(child, program, args, timeoutMs);
  } finally {
    home.remove();
  }
}
