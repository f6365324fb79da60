// What a mode runs: its name servers and the brokers of conf/<mode>/*.properties (and, in
// controller mode, the controllers: the files with controllerDLegerPeers), each reduced to what
// the launcher needs (command, ports, start order, where its data and logs go). The launcher adds
// only what depends on this run: the name server and controller lists, loopback addresses, the
// store paths and, with --port-offset, shifted ports. HTTP ports are the processes' own default
// (listenPort - 31, see conf/README.md) and are read back from their boot lines.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

export const HOST = '127.0.0.1';
/** First NameServer's port; the second takes the next one, as RocketMQ's one-host layouts do. */
const NAMESRV_PORT = 9876;
const BOOT_LINE = /boot success/;
/** Both servers end their boot line with the HTTP address they bound. */
const HTTP_IN_BOOT_LINE = /http on [^\s:]+:(\d+)/;

export function planCluster({ root, mode, dataDir, portOffset, overrides, console: withConsole = false }) {
  const files = readModeFiles(root, mode);
  const controllers = controllerNodes(root, dataDir, files.filter(isControllerFile), portOffset);
  const controllerAddr = controllers.map((node) => node.address).join(';');
  const namesrvs = Array.from({ length: mode === 'single' ? 1 : 2 }, (_, index) => namesrvNode(root, dataDir, index, portOffset));
  const namesrvAddr = namesrvs.map((node) => node.address).join(';');
  const brokers = files
    .filter((file) => !isControllerFile(file))
    .map((file) => brokerNode(root, dataDir, file, { namesrvAddr, controllerAddr, portOffset, overrides }))
    .sort((a, b) => a.group.localeCompare(b.group) || a.brokerId - b.brokerId || a.name.localeCompare(b.name));
  const consoleApi = withConsole ? consoleNode(root, dataDir, namesrvAddr, portOffset) : undefined;
  return {
    controllers,
    namesrvs,
    brokers,
    console: consoleApi,
    namesrvAddr,
    controllerAddr,
    all: [...controllers, ...namesrvs, ...brokers, ...(consoleApi === undefined ? [] : [consoleApi])],
  };
}

/** The HTTP port a boot line reports, or undefined. */
export function httpPortOfBootLine(line) {
  const match = HTTP_IN_BOOT_LINE.exec(line);
  return match === null ? undefined : Number(match[1]);
}

function namesrvNode(root, dataDir, index, portOffset) {
  const port = NAMESRV_PORT + index + portOffset;
  const name = `namesrv-${index + 1}`;
  const home = join(dataDir, name);
  return {
    name,
    kind: 'namesrv',
    slave: false,
    home,
    logFile: join(home, 'logs', 'namesrv.log'),
    address: `${HOST}:${port}`,
    port,
    command: join(root, 'bin', 'mqnamesrv'),
    args: [`--listenPort=${port}`, `--bindAddress=${HOST}`, `--kvConfigPath=${join(home, 'kvConfig.json')}`],
    describe: (httpPort) => `NameServer ${HOST}:${port}  http://${HOST}:${httpPort}/health`,
    bootLine: BOOT_LINE,
  };
}

/** rocketmq-dashboard's port. Login is off: the launcher binds loopback only (docs/console.md). */
const CONSOLE_PORT = 8082;

function consoleNode(root, dataDir, namesrvAddr, portOffset) {
  const port = CONSOLE_PORT + portOffset;
  const home = join(dataDir, 'console');
  return {
    name: 'console',
    kind: 'console',
    slave: false,
    home,
    logFile: join(home, 'logs', 'console.log'),
    address: `${HOST}:${port}`,
    port,
    url: `http://${HOST}:${port}/`,
    command: join(root, 'bin', 'console-api'),
    args: [`--namesrvAddr=${namesrvAddr}`, `--httpPort=${port}`, `--bindAddress=${HOST}`, '--authDisabled=true'],
    describe: () => `Console    http://${HOST}:${port}/  (login disabled, local only; API docs /api/docs)`,
    bootLine: BOOT_LINE,
  };
}

/** conf/<mode>/*.properties, each reduced to the keys the launcher needs to plan ports and order. */
function readModeFiles(root, mode) {
  const dir = join(root, 'conf', mode);
  return readdirSync(dir)
    .filter((file) => file.endsWith('.properties'))
    .sort()
    .map((file) => ({
      file: join(dir, file),
      name: file.replace(/\.properties$/, ''),
      settings: parseProperties(readFileSync(join(dir, file), 'utf8')),
    }));
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

/** A controller's file names the whole group (RocketMQ's controller.conf); a broker's never does. */
function isControllerFile({ settings }) {
  return settings.has('controllerDLegerPeers');
}

/**
 * The controllers of a mode, one process each. Every file lists the group as `n0-host:port;…` and
 * says which entry it is (controllerDLegerSelfId); the launcher rebuilds that list on loopback with
 * shifted ports and gives it to each. Raft between them uses each client port + 1, so both shift.
 */
function controllerNodes(root, dataDir, files, portOffset) {
  const members = files.map((file) => {
    const selfId = file.settings.get('controllerDLegerSelfId') ?? '';
    const entry = (file.settings.get('controllerDLegerPeers') ?? '').split(';').find((peer) => peer.trim().startsWith(`${selfId}-`));
    const port = Number(entry?.slice(entry.lastIndexOf(':') + 1));
    if (selfId === '' || !Number.isInteger(port) || port <= 0)
      throw new Error(`${relative(root, file.file)}: controllerDLegerSelfId must name an entry n<i>-host:port of controllerDLegerPeers`);
    return { ...file, selfId, port: port + portOffset };
  });
  const peers = members.map((member) => `${member.selfId}-${HOST}:${member.port}`).join(';');
  return members.map(({ file, name, settings, selfId, port }) => {
    const home = join(dataDir, name);
    const group = settings.get('controllerDLegerGroup') ?? '';
    return {
      name,
      kind: 'controller',
      slave: false,
      home,
      logFile: join(home, 'logs', 'controller.log'),
      address: `${HOST}:${port}`,
      port,
      command: join(root, 'bin', 'mqcontroller'),
      args: [
        '-c',
        relative(root, file),
        `--controllerDLegerPeers=${peers}`,
        `--bindAddress=${HOST}`,
        `--controllerStorePath=${join(home, 'store')}`,
        `--configStorePath=${join(home, 'controller.properties')}`,
      ],
      describe: (httpPort) =>
        `Controller ${HOST}:${port}  ${selfId} of ${group}, Raft ${HOST}:${port + 1}  http://${HOST}:${httpPort}/health  ${relative(root, file)}`,
      bootLine: BOOT_LINE,
    };
  });
}

function brokerNode(root, dataDir, { file, name, settings }, { namesrvAddr, controllerAddr, portOffset, overrides }) {
  const setting = (key, fallback) => overrides.find(([overridden]) => overridden === key)?.[1] ?? settings.get(key) ?? fallback;
  const port = Number(setting('listenPort', '10911')) + portOffset;
  const haPort = Number(setting('haListenPort', '0')) > 0 ? Number(setting('haListenPort', '0')) + portOffset : port + 1;
  const role = setting('brokerRole', 'ASYNC_MASTER');
  // In controller mode the controllers pick the master and hand out the ids; brokerRole and brokerId are ignored.
  const controlled = setting('enableControllerMode', 'false') === 'true';
  const home = join(dataDir, name);
  // An httpPort in a file is shifted with the others; unset, the broker derives it from listenPort.
  const httpPort = settings.has('httpPort') ? [`--httpPort=${Number(settings.get('httpPort')) + portOffset}`] : [];
  const args = [
    '-c',
    // Relative: the children run in the repository root, and the by-hand command reads better.
    relative(root, file),
    '-n',
    namesrvAddr,
    `--brokerIP1=${HOST}`,
    `--bindAddress=${HOST}`,
    `--listenPort=${port}`,
    `--haListenPort=${haPort}`,
    ...httpPort,
    `--storePathRootDir=${home}`,
    ...(controlled ? [`--controllerAddr=${controllerAddr}`] : []),
    ...overrides.map(([key, value]) => `--${key}=${value}`),
  ];
  const brokerId = Number(setting('brokerId', '0'));
  const group = setting('brokerName', name);
  const flush = setting('flushDiskType', 'ASYNC_FLUSH');
  return {
    name,
    kind: 'broker',
    group,
    brokerId,
    controlled,
    // Started with the masters: a controller-mode broker's role is not known before it registers.
    slave: role === 'SLAVE' && !controlled,
    home,
    logFile: join(home, 'logs', 'broker.log'),
    address: `${HOST}:${port}`,
    port,
    command: join(root, 'bin', 'mqbroker'),
    args,
    describe: (httpPort) =>
      `Broker     ${HOST}:${port}  ${group} ${controlled ? 'controller mode (role and id from the controllers)' : `id ${brokerId}, ${role}`}, ${flush}, HA ${HOST}:${haPort}  http://${HOST}:${httpPort}/health  ${relative(root, file)}`,
    bootLine: BOOT_LINE,
  };
}
