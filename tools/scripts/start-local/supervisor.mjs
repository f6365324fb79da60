// One supervised server process of the local cluster, across its restarts. A process that exits on
// its own is reported in one line (name, pid, exit code or signal, its last log lines) and, with
// restarts on, started again after a back-off, as a compose `restart:` policy would: 1 s after a
// process that had been up a while, doubling (to 30 s at most) while it keeps dying young. One
// that dies before its boot line three times in a row is left down.
import { spawn } from 'node:child_process';
import { connect } from 'node:net';
import { join, relative } from 'node:path';

import { createProcessLog } from './output.mjs';
import { HOST, httpPortOfBootLine } from './plan.mjs';

const BOOT_TIMEOUT_MS = 120_000;
const STOP_GRACE_MS = 15_000;
const FIRST_DELAY_MS = 1_000;
const MAX_DELAY_MS = 30_000;
/** Up this long, a process counts as healthy again: its next restart waits the first delay. */
const STABLE_MS = 10_000;
export const MAX_CRASHES_ON_START = 3;
const PRELOAD = join(import.meta.dirname, 'exit-with-parent.cjs');

/**
 * `start()` resolves once the process first booted (and rejects if it is left down before that);
 * supervision goes on until `stop()`. `othersRunning()` counts the cluster's other live processes
 * for the report line.
 */
export function supervise(node, { root, terminal, restart, othersRunning }) {
  const log = createProcessLog({ name: node.name, file: node.logFile, terminal });
  let child;
  let stopping = false;
  let state = 'idle';
  let startedAt = 0;
  let bootedAt;
  let crashesOnStart = 0;
  let delayMs = FIRST_DELAY_MS;
  let restarts = 0;
  let diedAt;
  let retryTimer;
  let bootTimer;
  let firstBoot;
  const handle = {
    node,
    log,
    get pid() {
      return state === 'up' || state === 'starting' ? child?.pid : undefined;
    },
    get running() {
      return state === 'up' || state === 'starting';
    },
    httpPort: undefined,
    start() {
      firstBoot = deferred();
      launch();
      return firstBoot.promise;
    },
    stop,
    /** SIGKILL now, for a launcher that is itself exiting on an error. */
    kill: () => signalGroup(child, 'SIGKILL'),
  };
  return handle;

  function launch() {
    if (stopping) return;
    state = 'starting';
    startedAt = Date.now();
    bootedAt = undefined;
    // stdin is the parent pipe of exit-with-parent.cjs: the children leave when the launcher does.
    const nodeOptions = [process.env.NODE_OPTIONS, `--require "${PRELOAD}"`].filter(Boolean).join(' ');
    child = spawn(node.command, node.args, {
      cwd: root,
      stdio: ['pipe', 'pipe', 'pipe'],
      // Its own process group: Ctrl-C reaches only the launcher, which orders the stop.
      detached: true,
      env: { ...process.env, NODE_OPTIONS: nodeOptions, START_LOCAL_PARENT_PIPE: '1' },
    });
    const current = child;
    log.attach(current.stdout, 'stdout', (line) => {
      if (current === child && bootedAt === undefined && node.bootLine.test(line)) void onBootLine(current, line);
    });
    log.attach(current.stderr, 'stderr');
    bootTimer = setTimeout(() => {
      terminal.say(`${node.name} printed no boot line within ${BOOT_TIMEOUT_MS / 1000} s; killing it`, { error: true });
      signalGroup(current, 'SIGKILL');
    }, BOOT_TIMEOUT_MS);
    bootTimer.unref();
    current.once('error', (error) => terminal.say(`${node.name} could not start: ${error.message}`, { error: true }));
    current.once('close', (code, signal) => onExit(current, code, signal));
  }

  async function onBootLine(current, line) {
    clearTimeout(bootTimer);
    handle.httpPort = httpPortOfBootLine(line);
    // A name server prints its boot line as it starts listening; the first registration must find it.
    if (node.kind === 'namesrv') await waitForListener(node.port).catch(() => undefined);
    if (current !== child || state !== 'starting') return;
    state = 'up';
    bootedAt = Date.now();
    crashesOnStart = 0;
    const again = restarts === 0 ? 'up' : `up again (restart ${restarts}, down ${((bootedAt - diedAt) / 1000).toFixed(1)} s)`;
    terminal.say(`${node.name} ${again}: ${node.describe(handle.httpPort)}  pid ${current.pid}`);
    firstBoot?.resolve();
    firstBoot = undefined;
  }

  function onExit(current, code, signal) {
    clearTimeout(bootTimer);
    if (current !== child) return;
    const wasUp = state === 'up';
    state = 'down';
    if (stopping) return;
    diedAt = Date.now();
    if (!wasUp) crashesOnStart += 1;
    const how = signal === null ? `code ${code}` : `signal ${signal}`;
    const lines = log.recent();
    const last = lines.length === 0 ? 'no output' : `last lines: ${lines.join(' | ')}`;
    const others = othersRunning();
    let next;
    if (!restart) next = 'left down (no --restart)';
    else if (crashesOnStart >= MAX_CRASHES_ON_START) next = `left down: it crashed on start ${crashesOnStart} times in a row`;
    else {
      if (wasUp && diedAt - (bootedAt ?? startedAt) >= STABLE_MS) delayMs = FIRST_DELAY_MS;
      next = `restarting in ${delayMs / 1000} s`;
    }
    terminal.say(
      `${node.name} (pid ${current.pid}) ${wasUp ? 'exited' : 'exited before it booted'}: ${how}; ${last}; ${others} other process${others === 1 ? ' keeps' : 'es keep'} running; ${next}`,
      { error: true },
    );
    if (next.startsWith('left down')) {
      terminal.say(`  to bring ${node.name} back by hand: ${relative(root, node.command)} ${node.args.map(shellQuote).join(' ')}`);
      firstBoot?.reject(new Error(`${node.name} ${next}`));
      firstBoot = undefined;
      return;
    }
    restarts += 1;
    retryTimer = setTimeout(launch, delayMs);
    delayMs = Math.min(delayMs * 2, MAX_DELAY_MS);
  }

  /** SIGTERM, SIGKILL after the grace period; true when it ended on its own with code 0 (or was down). */
  function stop() {
    stopping = true;
    clearTimeout(retryTimer);
    const current = child;
    if (current === undefined || current.exitCode !== null || current.signalCode !== null || state === 'down') {
      return log.close().then(() => true);
    }
    return new Promise((resolveStop) => {
      const timer = setTimeout(() => {
        terminal.say(`${node.name} still running ${STOP_GRACE_MS / 1000} s after SIGTERM; SIGKILL`, { error: true });
        signalGroup(current, 'SIGKILL');
      }, STOP_GRACE_MS);
      current.once('close', (code, signal) => {
        clearTimeout(timer);
        state = 'stopped';
        const clean = code === 0 || signal === 'SIGTERM';
        if (!clean) terminal.say(`${node.name} stopped with code ${code}, signal ${signal}`, { error: true });
        void log.close().then(() => resolveStop(clean));
      });
      signalGroup(current, 'SIGTERM');
    });
  }
}

/** Children run in their own process groups, so a signal goes to the group. */
export function signalGroup(child, signal) {
  if (child === undefined || child.exitCode !== null || child.signalCode !== null) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    child.kill(signal);
  }
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

function deferred() {
  let resolve;
  let reject;
  const promise = new Promise((resolveIt, rejectIt) => {
    resolve = resolveIt;
    reject = rejectIt;
  });
  // A launch that is stopped before it booted has nobody waiting; its rejection is not an error.
  promise.catch(() => undefined);
  return { promise, resolve, reject };
}

function shellQuote(arg) {
  return /^[\w@%+=:,./-]+$/.test(arg) ? arg : `'${arg.replace(/'/g, "'\\''")}'`;
}
