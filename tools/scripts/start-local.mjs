#!/usr/bin/env node
// `npm start`: runs the local cluster on this machine, no Docker, data under ./data (git-ignored).
// Today that is one NameServer and one master broker; later issues add slaves here. Every process
// is a real child started through its bin/ script, with its output prefixed by its name.
// Ctrl-C (SIGINT) or SIGTERM stops them all gracefully.
import { spawn } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const dataDir = join(root, 'data');

const nodes = [
  {
    name: 'namesrv',
    command: join(root, 'bin', 'mqnamesrv'),
    args: ['--listenPort=9876', '--httpPort=9880', `--kvConfigPath=${join(dataDir, 'namesrv', 'kvConfig.json')}`],
    describe: 'NameServer  127.0.0.1:9876  (health and metrics: http://127.0.0.1:9880/health, /metrics)',
  },
  {
    name: 'broker-a',
    command: join(root, 'bin', 'mqbroker'),
    args: [
      '-n',
      '127.0.0.1:9876',
      '--brokerName=broker-a',
      '--brokerRole=ASYNC_MASTER',
      '--brokerIP1=127.0.0.1',
      '--listenPort=10911',
      '--httpPort=10880',
      `--storePathRootDir=${join(dataDir, 'broker-a')}`,
    ],
    describe: 'Broker      127.0.0.1:10911 broker-a, ASYNC_MASTER (health and metrics: http://127.0.0.1:10880/health, /metrics)',
  },
];

mkdirSync(join(dataDir, 'namesrv'), { recursive: true });
mkdirSync(join(dataDir, 'broker-a'), { recursive: true });

const children = new Map();
let stopping = false;

for (const node of nodes) {
  const child = spawn(node.command, node.args, { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
  children.set(node.name, child);
  prefix(child.stdout, node.name, process.stdout);
  prefix(child.stderr, node.name, process.stderr);
  child.on('exit', (code, signal) => {
    children.delete(node.name);
    if (!stopping) {
      console.error(`[start] ${node.name} exited (code ${code}, signal ${signal}); stopping the others`);
      stopAll(1);
    } else if (children.size === 0) {
      process.exit(process.exitCode ?? 0);
    }
  });
}

console.log('[start] local cluster starting; data under ' + dataDir);
for (const node of nodes) console.log(`[start]   ${node.describe}`);
console.log('[start] clients: set NAMESRV_ADDR=127.0.0.1:9876 (Java: -n 127.0.0.1:9876). Ctrl-C stops everything.');

process.on('SIGINT', () => stopAll(0));
process.on('SIGTERM', () => stopAll(0));

function stopAll(exitCode) {
  if (stopping) return;
  stopping = true;
  process.exitCode = exitCode;
  if (children.size === 0) process.exit(exitCode);
  for (const child of children.values()) child.kill('SIGTERM');
  setTimeout(() => {
    for (const child of children.values()) child.kill('SIGKILL');
    process.exit(exitCode);
  }, 10_000).unref();
}

function prefix(stream, name, out) {
  let pending = '';
  stream.setEncoding('utf8');
  stream.on('data', (chunk) => {
    pending += chunk;
    const lines = pending.split('\n');
    pending = lines.pop() ?? '';
    for (const line of lines) out.write(`[${name}] ${line}\n`);
  });
  stream.on('end', () => pending && out.write(`[${name}] ${pending}\n`));
}
