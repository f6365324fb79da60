import { freeLauncherPortOffset, isAlive, type ManagedProcess, startLauncher, suiteTempDir, waitFor } from '@rocketmq-ts/testing';

// The cluster's admin view (mqadmin clusterList, topics, offsets) is shared with compose-e2e: libs/testing.
export {
  clusterList,
  commitLogMaxOffset,
  groupsOf,
  isAlive,
  messagesIn,
  updateTopicOnCluster as createTopic,
  waitForTopicOn,
} from '@rocketmq-ts/testing';

const BOOT_TIMEOUT_MS = 180_000;

/** `npm start` on shifted ports and a temp data dir, as a test drives it. */
export interface Launch {
  readonly process: ManagedProcess;
  readonly offset: number;
  readonly dataDir: string;
  /** `127.0.0.1:<port>` of the first and second name server (one in single mode). */
  readonly namesrvAddrs: readonly string[];
  /** The address of a process of the mode by name, e.g. broker-a-s. */
  address(name: string): string;
}

const LISTEN_PORTS: Readonly<Record<string, number>> = {
  'namesrv-1': 9876,
  'namesrv-2': 9877,
  'broker-a': 10911,
  'broker-a-s': 11011,
  'broker-b': 10921,
  'broker-b-s': 11021,
  // controller mode (conf/controller)
  'controller-n0': 9878,
  'controller-n1': 9868,
  'controller-n2': 9858,
  'broker-a-n0': 12011,
  'broker-a-n1': 12111,
  'broker-a-n2': 12211,
  'broker-b-n0': 12021,
  'broker-b-n1': 12121,
  'broker-b-n2': 12221,
};

export async function launch(mode: string, extraArgs: readonly string[] = []): Promise<Launch> {
  const offset = await freeLauncherPortOffset();
  const dataDir = suiteTempDir(`launcher-e2e-${mode}`).path;
  const child = startLauncher(mode, dataDir, offset, { args: extraArgs, maxLines: 20_000 });
  const address = (name: string): string => {
    const port = LISTEN_PORTS[name];
    if (port === undefined) throw new Error(`no process ${name} in the launcher's modes`);
    return `127.0.0.1:${port + offset}`;
  };
  const namesrvAddrs = mode === 'single' ? [address('namesrv-1')] : [address('namesrv-1'), address('namesrv-2')];
  return { process: child, offset, dataDir, namesrvAddrs, address };
}

export async function waitForReady(launched: Launch, pattern = /ready\. Ctrl-C stops everything/): Promise<void> {
  await launched.process.waitForOutput(pattern, { timeoutMs: BOOT_TIMEOUT_MS, reason: 'the launcher printed ready' });
}

/** The pid the launcher last reported for `name` ("<name> up: … pid N" or "<name> up again (…): … pid N"). */
export function pidOf(launched: Launch, name: string): number {
  const pattern = new RegExp(`${name} up(?: again \\([^)]*\\))?: .* pid (\\d+)`);
  const lines = launched.process.lines().filter((line) => pattern.test(line.text));
  const last = lines[lines.length - 1];
  if (last === undefined) throw new Error(`the launcher reported no pid for ${name}`);
  return Number(pattern.exec(last.text)?.[1]);
}

export async function waitUntilGone(pid: number, timeoutMs: number, what: string): Promise<void> {
  await waitFor(() => !isAlive(pid), { timeoutMs, intervalMs: 100, reason: what });
}
