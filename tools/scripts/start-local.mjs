#!/usr/bin/env node
// `npm start`: runs a local cluster on this machine, no Docker, data under ./data/<mode> (git-ignored).
//
//   npm start [-- --mode 2m-2s-sync|2m-2s-async|2m-noslave|single] [--data-dir DIR] [--port-offset N] [--set key=value ...]
//
// The brokers of a mode are the files in conf/<mode>/ (the same files a container stack mounts);
// the launcher adds only what depends on this run: the name server list, loopback addresses, the
// store path and, with --port-offset, shifted ports. Every process is a real child started through
// its bin/ script, with its output prefixed by its name. Start order: name servers (each one
// listening before any broker starts, so the first registration succeeds), masters, slaves.
// Ctrl-C or SIGTERM stops masters first (their in-flight SYNC_MASTER sends still need the slaves),
// then slaves, then name servers, and exits 0 when every process stopped cleanly.
import { spawn } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { connect } from 'node:net';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const MODES = ['2m-2s-sync', '2m-2s-async', '2m-noslave', 'single'];
const DEFAULT_MODE = '2m-2s-sync';
const HOST = '127.0.0.1';
/** First NameServer's ports; the second takes the next port of each. */
const NAMESRV_PORT = 9876;
const NAMESRV_HTTP_PORT = 9880;
const BOOT_TIMEOUT_MS = 120_000;
const STOP_GRACE_MS = 15_000;

const USAGE = `usage: npm start [-- options]   (or node tools/scripts/start-local.mjs [options])
  --mode <mode>        ${MODES.join(' | ')} (default ${DEFAULT_MODE}); brokers from conf/<mode>/*.properties
  --data-dir <dir>     where the stores go (default data/<mode>)
  --port-offset <n>    add n to every port, to run beside another cluster (default 0)
  --set <key=value>    a broker setting for every broker, over the files (repeatable)
  -h, --help           this help`;

const options = readOptions(process.argv.slice(2));
const dataDir = options.dataDir;
const namesrvs = Array.from({ length: options.mode === 'single' ? 1 : 2 }, (_, index) => namesrvNode(index));
const namesrvAddr = namesrvs.map((node) => node.address).join(';');
const brokers = readBrokerFiles(options.mode)
  .map(brokerNode)
  .sort((a, b) => a.group.localeCompare(b.group) || a.brokerId - b.brokerId);

/** Every child still running, by name. */
const running = new Map();
let stopping = false;

process.on('SIGINT', () => void stopAll(0, 'SIGINT'));
process.on('SIGTERM', () => void stopAll(0, 'SIGTERM'));
// If the launcher itself dies of an error, take the children with it (they run in their own groups).
process.on('exit', () => {
  for (const child of running.values()) signalGroup(child, 'SIGKILL');
});

console.log(`[start] mode ${options.mode}: ${describeMode()}; data under ${dataDir}`);
try {
  for (const node of namesrvs) await boot(node);
  await Promise.all(brokers.filter((node) => !node.slave).map(boot));
  await Promise.all(brokers.filter((node) => node.slave).map(boot));
} catch (error) {
  if (!stopping) {
    console.error(`[start] ${error instanceof Error ? error.message : String(error)}; stopping the others`);
    await stopAll(1, 'a failed start');
  }
}
if (!stopping) printReady();

function readOptions(argv) {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      options: {
        mode: { type: 'string', default: DEFAULT_MODE },
        'data-dir': { type: 'string' },
        'port-offset': { type: 'string', default: '0' },
        set: { type: 'string', multiple: true, default: [] },
        help: { type: 'boolean', short: 'h', default: false },
      },
    }).values;
  } catch (error) {
    usageError(error instanceof Error ? error.message : String(error));
  }
  if (parsed.help) {
    console.log(USAGE);
    process.exit(0);
  }
  if (!MODES.includes(parsed.mode)) usageError(`unknown mode "${parsed.mode}"`);
  const portOffset = Number(parsed['port-offset']);
  if (!Number.isInteger(portOffset) || portOffset < -9000 || portOffset > 50_000) usageError(`--port-offset must be an integer, got "${parsed['port-offset']}"`);
  const overrides = parsed.set.map((entry) => {
    const at = entry.indexOf('=');
    if (at <= 0) usageError(`--set takes key=value, got "${entry}"`);
    return [entry.slice(0, at), entry.slice(at + 1)];
  });
  return { mode: parsed.mode, dataDir: resolve(parsed['data-dir'] ?? join(root, 'data', parsed.mode)), portOffset, overrides };
}

function usageError(message) {
  console.error(`start-local: ${message}\n${USAGE}`);
  process.exit(1);
}

function namesrvNode(index) {
  const port = NAMESRV_PORT + index + options.portOffset;
  const httpPort = NAMESRV_HTTP_PORT + index + options.portOffset;
  const home = join(dataDir, `namesrv-${index + 1}`);
  return {
    name: `namesrv-${index + 1}`,
    kind: 'namesrv',
    slave: false,
    home,
    address: `${HOST}:${port}`,
    port,
    command: join(root, 'bin', 'mqnamesrv'),
    args: [`--listenPort=${port}`, `--httpPort=${httpPort}`, `--bindAddress=${HOST}`, `--kvConfigPath=${join(home, 'kvConfig.json')}`],
    describe: `NameServer ${HOST}:${port}  http://${HOST}:${httpPort}/health`,
    bootLine: /boot success/,
  };
}

/** conf/<mode>/*.properties, each reduced to the keys the launcher needs to plan ports and order. */
function readBrokerFiles(mode) {
  const dir = join(root, 'conf', mode);
  return readdirSync(dir)
    .filter((file) => file.endsWith('.properties'))
    .sort()
    .map((file) => ({ file: join(dir, file), name: file.replace(/\.properties$/, ''), settings: parseProperties(readFileSync(join(dir, file), 'utf8')) }));
}

/** Enough of the .properties format for our own files: key=value lines, # and ! comments. */
function parseProperties(text) {
  const settings = new Map();
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#') || line.startsWith('!')) continue;
    const at = line.search(/[=:]/);
    if (at > 0) settings.set(line.slice(0, at).trim(), line.slice(at + 1).trim());
  }
  return settings;
}

function brokerNode({ file, name, settings }) {
  const setting = (key, fallback) => settings.get(key) ?? fallback;
  const port = Number(setting('listenPort', '10911')) + options.portOffset;
  const haPort = Number(setting('haListenPort', '0')) > 0 ? Number(settings.get('haListenPort')) + options.portOffset : port + 1;
  const httpPort = Number(setting('httpPort', '10880')) + options.portOffset;
  const role = setting('brokerRole', 'ASYNC_MASTER');
  const home = join(dataDir, name);
  const args = [
    '-c',
    file,
    '-n',
    namesrvAddr,
    `--brokerIP1=${HOST}`,
    `--bindAddress=${HOST}`,
    `--listenPort=${port}`,
    `--haListenPort=${haPort}`,
    `--httpPort=${httpPort}`,
    `--storePathRootDir=${home}`,
    ...options.overrides.map(([key, value]) => `--${key}=${value}`),
  ];
  const brokerId = Number(setting('brokerId', '0'));
  const group = setting('brokerName', name);
  const flush = options.overrides.find(([key]) => key === 'flushDiskType')?.[1] ?? setting('flushDiskType', 'ASYNC_FLUSH');
  return {
    name,
    kind: 'broker',
    group,
    brokerId,
    slave: role === 'SLAVE',
    home,
    address: `${HOST}:${port}`,
    port,
    command: join(root, 'bin', 'mqbroker'),
    args,
    describe: `Broker     ${HOST}:${port}  ${group} id ${brokerId}, ${role}, ${flush}, HA ${HOST}:${haPort}  http://${HOST}:${httpPort}/health  ${relative(root, file)}`,
    bootLine: /boot success/,
  };
}

function describeMode() {
  const masters = brokers.filter((node) => !node.slave).length;
  const slaves = brokers.length - masters;
  return `${namesrvs.length} name server${namesrvs.length > 1 ? 's' : ''}, ${masters} master${masters > 1 ? 's' : ''}${slaves > 0 ? `, ${slaves} slave${slaves > 1 ? 's' : ''}` : ''}`;
}

/** Spawns `node` and resolves once it printed its boot line (and, for a name server, accepts connections). */
async function boot(node) {
  if (stopping) return;
  mkdirSync(node.home, { recursive: true });
  const child = spawn(node.command, node.args, { cwd: root, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  child.node = node;
  running.set(node.name, child);
  const booted = new Promise((resolveBoot, rejectBoot) => {
    const timer = setTimeout(() => rejectBoot(new Error(`${node.name} did not boot within ${BOOT_TIMEOUT_MS / 1000} s`)), BOOT_TIMEOUT_MS);
    timer.unref();
    prefixLines(child.stdout, node.name, process.stdout, (line) => {
      if (node.bootLine.test(line)) {
        clearTimeout(timer);
        resolveBoot();
      }
    });
    prefixLines(child.stderr, node.name, process.stderr, () => undefined);
    child.once('error', (error) => rejectBoot(new Error(`${node.name} could not start: ${error.message}`)));
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      rejectBoot(new Error(`${node.name} exited during boot (code ${code}, signal ${signal})`));
    });
  });
  child.once('exit', (code, signal) => onExit(node, code, signal));
  await booted;
  if (node.kind === 'namesrv') await waitForListener(node.port);
  console.log(`[start] ${node.name} up: ${node.describe}  pid ${child.pid}`);
}

function onExit(node, code, signal) {
  running.delete(node.name);
  if (stopping) return;
  console.error(`[start] ${node.name} exited (code ${code}, signal ${signal}); stopping the others`);
  void stopAll(1, `${node.name} exiting`);
}

function waitForListener(port) {
  const deadline = Date.now() + BOOT_TIMEOUT_MS;
  return new Promise((resolveListen, rejectListen) => {
    const attempt = () => {
      const socket = connect({ host: HOST, port });
      socket.once('connect', () => {
        socket.destroy();
        resolveListen();
      });
      socket.once('error', () => {
        socket.destroy();
        if (Date.now() > deadline) rejectListen(new Error(`nothing listens on ${HOST}:${port}`));
        else setTimeout(attempt, 100).unref();
      });
    };
    attempt();
  });
}

function printReady() {
  console.log('[start] ----------------------------------------------------------------------------');
  console.log(`[start] local cluster (${options.mode}) ready; data under ${dataDir}`);
  for (const node of [...namesrvs, ...brokers]) console.log(`[start]   ${node.describe}  pid ${running.get(node.name)?.pid}`);
  console.log(`[start] clients: NAMESRV_ADDR='${namesrvAddr}'  (Java: -n '${namesrvAddr}')`);
  console.log(`[start] see it:  bin/mqadmin clusterList -n ${namesrvs[0].address}`);
  console.log('[start] ready. Ctrl-C stops everything: masters, then slaves, then name servers.');
}

/** Stops the children stage by stage; exits with `exitCode`, or 1 if a child had to be killed or failed. */
async function stopAll(exitCode, reason) {
  if (stopping) return;
  stopping = true;
  console.log(`[start] stopping (${reason})`);
  let clean = exitCode === 0;
  const stages = [brokers.filter((node) => !node.slave), brokers.filter((node) => node.slave), namesrvs];
  for (const stage of stages) {
    const results = await Promise.all(stage.map((node) => stopChild(node.name)));
    if (results.includes(false)) clean = false;
  }
  console.log(`[start] all stopped${clean ? '' : ' (not all cleanly)'}`);
  process.exit(clean ? 0 : 1);
}

/** SIGTERM, SIGKILL after the grace period; true when the child ended on its own with code 0. */
function stopChild(name) {
  const child = running.get(name);
  if (child === undefined) return Promise.resolve(true);
  return new Promise((resolveStop) => {
    const timer = setTimeout(() => {
      console.error(`[start] ${name} still running ${STOP_GRACE_MS / 1000} s after SIGTERM; SIGKILL`);
      signalGroup(child, 'SIGKILL');
    }, STOP_GRACE_MS);
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      running.delete(name);
      const clean = code === 0 || signal === 'SIGTERM';
      if (!clean) console.error(`[start] ${name} stopped with code ${code}, signal ${signal}`);
      resolveStop(clean);
    });
    signalGroup(child, 'SIGTERM');
  });
}

/** Children run in their own process groups (so Ctrl-C reaches only the launcher, which orders the stop). */
function signalGroup(child, signal) {
  if (child.exitCode !== null || child.signalCode !== null) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    child.kill(signal);
  }
}

function prefixLines(stream, name, out, onLine) {
  let pending = '';
  stream.setEncoding('utf8');
  stream.on('data', (chunk) => {
    pending += chunk;
    const lines = pending.split('\n');
    pending = lines.pop() ?? '';
    for (const line of lines) {
      out.write(`[${name}] ${line}\n`);
      onLine(line);
    }
  });
  stream.on('end', () => {
    if (pending === '') return;
    out.write(`[${name}] ${pending}\n`);
    onLine(pending);
  });
}
