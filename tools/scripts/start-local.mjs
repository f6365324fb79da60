#!/usr/bin/env node
// `npm start`: runs a local cluster on this machine, no Docker, data under ./data/<mode> (git-ignored).
//
//   npm start [-- --mode 2m-2s-sync|2m-2s-async|2m-noslave|single|controller] [--data-dir DIR] [--port-offset N]
//             [--set key=value ...] [--restart | --no-restart] [--log-format pretty|json]
//
// The brokers of a mode are the files in conf/<mode>/ (the same files a container stack mounts).
// Every process is a real child started through its bin/ script (start-local/plan.mjs). Start
// order: controllers (controller mode only: all of them, so that Raft can elect a leader), name
// servers (each one listening before any broker starts, so the first registration succeeds),
// masters, slaves; a controller-mode broker starts with the masters, its role is the controllers'.
// Then the launcher supervises (start-local/supervisor.mjs): a process that dies is reported in
// one line and the others keep running; with restarts on it comes back. Output: one readable line
// per log entry, full JSON logs under <data-dir>/<process>/logs/ (start-local/output.mjs). Ctrl-C
// or SIGTERM stops masters first (their in-flight SYNC_MASTER sends still need the slaves), then
// slaves, then name servers, then controllers (a broker stopping still talks to them), and exits 0
// when every process still running stopped cleanly.
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

import { ensureConsoleWeb } from './start-local/console-web.mjs';
import { readOptions } from './start-local/options.mjs';
import { createTerminal } from './start-local/output.mjs';
import { planCluster } from './start-local/plan.mjs';
import { supervise } from './start-local/supervisor.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const options = readOptions(process.argv.slice(2), root);
const plan = planCluster({ root, ...options });
const terminal = createTerminal({ format: options.logFormat, nameWidth: Math.max(...plan.all.map((node) => node.name.length)) });
const supervised = new Map(
  plan.all.map((node) => [
    node.name,
    supervise(node, {
      root,
      terminal,
      restart: options.restart,
      othersRunning: () => [...supervised.values()].filter((other) => other.node !== node && other.running).length,
    }),
  ]),
);
let stopping = false;

process.on('SIGINT', () => void stopAll(0, 'SIGINT'));
process.on('SIGTERM', () => void stopAll(0, 'SIGTERM'));
// If the launcher itself dies of an error, take the children with it (they run in their own groups).
process.on('exit', () => {
  for (const handle of supervised.values()) handle.kill();
});

terminal.say(`mode ${options.mode}: ${describeMode()}; data under ${options.dataDir}`);
terminal.say(
  `logs: ${logsWhere()} (JSON, one entry a line); restarts ${options.restart ? 'on' : 'off'} (${options.restart ? '--no-restart' : '--restart'} to change)`,
);
try {
  await Promise.all(plan.controllers.map((node) => supervised.get(node.name).start()));
  for (const node of plan.namesrvs) await supervised.get(node.name).start();
  await Promise.all(plan.brokers.filter((node) => !node.slave).map((node) => supervised.get(node.name).start()));
  await Promise.all(plan.brokers.filter((node) => node.slave).map((node) => supervised.get(node.name).start()));
  if (plan.console !== undefined) {
    ensureConsoleWeb(root, terminal);
    await supervised.get(plan.console.name).start();
  }
} catch (error) {
  if (!stopping) {
    terminal.say(`${error instanceof Error ? error.message : String(error)}; stopping the others`, { error: true });
    await stopAll(1, 'a failed start');
  }
}
if (!stopping) printReady();

function describeMode() {
  const controlled = plan.brokers.filter((node) => node.controlled).length;
  const masters = plan.brokers.filter((node) => !node.slave && !node.controlled).length;
  const slaves = plan.brokers.length - masters - controlled;
  const count = (n, noun) => `${n} ${noun}${n > 1 ? 's' : ''}`;
  const parts = [
    ...(plan.controllers.length > 0 ? [count(plan.controllers.length, 'controller')] : []),
    count(plan.namesrvs.length, 'name server'),
    ...(masters > 0 ? [count(masters, 'master')] : []),
    ...(slaves > 0 ? [count(slaves, 'slave')] : []),
    ...(controlled > 0
      ? [`${count(controlled, 'broker')} in controller mode (${count(new Set(plan.brokers.map((node) => node.group)).size, 'group')})`]
      : []),
    ...(plan.console === undefined ? [] : ['the console']),
  ];
  return parts.join(', ');
}

function logsWhere() {
  const dir = relative(process.cwd(), options.dataDir) || '.';
  const kinds = plan.controllers.length > 0 ? 'controller,namesrv,broker' : 'namesrv,broker';
  return `${dir.startsWith('..') ? options.dataDir : dir}/<process>/logs/{${kinds}}.log`;
}

function printReady() {
  terminal.say('----------------------------------------------------------------------------');
  terminal.say(`local cluster (${options.mode}) ready; data under ${options.dataDir}`);
  for (const handle of supervised.values()) terminal.say(`  ${handle.node.describe(handle.httpPort)}  pid ${handle.pid}`);
  terminal.say(`clients: NAMESRV_ADDR='${plan.namesrvAddr}'  (Java: -n '${plan.namesrvAddr}')`);
  terminal.say(`see it:  bin/mqadmin clusterList -n ${plan.namesrvs[0].address}`);
  if (plan.controllers.length > 0) {
    terminal.say(`controllers: ${plan.controllerAddr}`);
    terminal.say(`masters: bin/mqadmin getSyncStateSet -a ${plan.controllers[0].address} -c DefaultCluster -n ${plan.namesrvs[0].address}`);
  }
  if (plan.console !== undefined) terminal.say(`console: ${plan.console.url}  (no login: local use; --no-console to skip)`);
  terminal.say(
    `ready. Ctrl-C stops everything: ${plan.controllers.length > 0 ? 'brokers, then name servers, then controllers' : 'masters, then slaves, then name servers'}.`,
  );
}

/** Stops the children stage by stage; exits with `exitCode`, or 1 if a child had to be killed or failed. */
async function stopAll(exitCode, reason) {
  if (stopping) return;
  stopping = true;
  terminal.say(`stopping (${reason})`);
  let clean = exitCode === 0;
  const stages = [
    plan.console === undefined ? [] : [plan.console],
    plan.brokers.filter((node) => !node.slave),
    plan.brokers.filter((node) => node.slave),
    plan.namesrvs,
    plan.controllers,
  ];
  for (const stage of stages) {
    const results = await Promise.all(stage.map((node) => supervised.get(node.name).stop()));
    if (results.includes(false)) clean = false;
  }
  terminal.say(`all stopped${clean ? '' : ' (not all cleanly)'}`);
  process.exit(clean ? 0 : 1);
}
