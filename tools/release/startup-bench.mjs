#!/usr/bin/env node
// Start-up time and memory of the name server and the broker, from the release bundle (no
// TypeScript compiled at start) and from source (bin/ of the repository, compiled on load by swc):
// time from spawn to the "boot success" line and RSS right after it, median of N rounds each.
//   node tools/release/startup-bench.mjs [--rounds 5] [--release dist/release/rocketmq-ts-<v>]
// Run `npm run release` first. Ports are free ones; stores in a temp dir, removed at the end.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '../..');
const version = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).version;
const { values } = parseArgs({
  options: {
    rounds: { type: 'string', default: '5' },
    release: { type: 'string', default: join(ROOT, 'dist/release', `rocketmq-ts-${version}`) },
  },
});
const rounds = Number(values.rounds);
const work = mkdtempSync(join(tmpdir(), 'rocketmq-ts-startup-'));

const freePort = () =>
  new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });

async function boot(binDir, command, args) {
  const started = process.hrtime.bigint();
  const child = spawn(join(binDir, command), args, { cwd: work, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const ms = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${command}: no "boot success" in 60 s:\n${output}`)), 60_000);
    const onData = (chunk) => {
      output += chunk;
      if (output.includes('boot success')) {
        clearTimeout(timer);
        resolve(Number(process.hrtime.bigint() - started) / 1e6);
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('exit', (code) => reject(new Error(`${command} exited ${code}:\n${output}`)));
  });
  // The launcher execs node, so the child's pid is node's.
  const rssKiB = Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'))?.[1]);
  return { ms, rssMiB: rssKiB / 1024, child };
}

async function stop(child) {
  child.removeAllListeners('exit');
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  await exited;
}

const median = (list) => [...list].sort((a, b) => a - b)[Math.floor(list.length / 2)];
const results = {};
for (let round = 0; round < rounds; round += 1) {
  for (const [label, binDir] of [
    ['bundle', join(values.release, 'bin')],
    ['source', join(ROOT, 'bin')],
  ]) {
    const [nsPort, nsHttp, brokerPort, brokerHttp, haPort] = await Promise.all([
      freePort(),
      freePort(),
      freePort(),
      freePort(),
      freePort(),
    ]);
    const namesrv = await boot(binDir, 'mqnamesrv', [
      `--listenPort=${nsPort}`,
      `--httpPort=${nsHttp}`,
      `--kvConfigPath=${work}/kv-${label}-${round}.json`,
    ]);
    const broker = await boot(binDir, 'mqbroker', [
      '-n',
      `127.0.0.1:${nsPort}`,
      `--listenPort=${brokerPort}`,
      `--httpPort=${brokerHttp}`,
      `--haListenPort=${haPort}`,
      `--storePathRootDir=${work}/store-${label}-${round}`,
      '--brokerName=startup-bench',
    ]);
    for (const [app, result] of [
      ['namesrv', namesrv],
      ['broker', broker],
    ]) {
      const key = `${app} ${label}`;
      results[key] ??= { ms: [], rss: [] };
      results[key].ms.push(result.ms);
      results[key].rss.push(result.rssMiB);
    }
    await stop(broker.child);
    await stop(namesrv.child);
  }
}
rmSync(work, { recursive: true, force: true });
console.log(`start-up to "boot success", median of ${rounds} (load ${(await import('node:os')).loadavg()[0].toFixed(1)}):`);
for (const app of ['namesrv', 'broker']) {
  const bundle = results[`${app} bundle`];
  const source = results[`${app} source`];
  console.log(
    `  ${app.padEnd(8)} bundle ${median(bundle.ms).toFixed(0)} ms, RSS ${median(bundle.rss).toFixed(0)} MiB | source ${median(source.ms).toFixed(0)} ms, RSS ${median(source.rss).toFixed(0)} MiB | bundle/source time ${(median(bundle.ms) / median(source.ms)).toFixed(2)}`,
  );
}
