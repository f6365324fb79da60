import { pidsByCommandLine } from './local-processes';
import { stopProcess } from './stop-process';

// bin/mqshutdown broker|namesrv: Apache's mqshutdown for our servers. Every local process started
// through bin/mqbroker (bin/mqnamesrv) or from the built dist/apps/<app>/main.js gets SIGTERM; we
// wait until all have exited. `--match <text>` narrows to command lines that also contain <text>.

const PATTERNS: Readonly<Record<string, readonly string[]>> = {
  broker: ['bin/mqbroker', 'apps/broker/src/main.ts', 'dist/apps/broker/main.js'],
  namesrv: ['bin/mqnamesrv', 'apps/namesrv/src/main.ts', 'dist/apps/namesrv/main.js'],
};
const NAMES: Readonly<Record<string, string>> = { broker: 'mqbroker', namesrv: 'mqnamesrv' };
const TIMEOUT_MS = 60_000;

function parseArgs(argv: readonly string[]): { readonly kind: string; readonly markers: string[] } | undefined {
  const [kind, ...rest] = argv;
  if (kind === undefined || PATTERNS[kind] === undefined) return undefined;
  const markers: string[] = [];
  for (let index = 0; index < rest.length; index += 2) {
    const value = rest[index + 1];
    if (rest[index] !== '--match' || value === undefined) return undefined;
    markers.push(value);
  }
  return { kind, markers };
}

async function main(argv: readonly string[]): Promise<number> {
  const args = parseArgs(argv);
  if (args === undefined) {
    process.stderr.write('usage: mqshutdown broker|namesrv [--match <text>]\n');
    return 1;
  }
  const patterns = PATTERNS[args.kind] ?? [];
  const markers = args.markers;
  const name = NAMES[args.kind] ?? args.kind;
  const pids = pidsByCommandLine(patterns, markers);
  if (pids.length === 0) {
    process.stdout.write(`No ${name} running.\n`);
    return 2;
  }
  process.stdout.write(`The ${name}(${pids.join(' ')}) is running...\n`);
  const outcomes = await Promise.all(pids.map(async (pid) => [pid, await stopProcess(pid, TIMEOUT_MS)] as const));
  const stuck = outcomes.filter(([, outcome]) => outcome === 'timeout').map(([pid]) => pid);
  if (stuck.length > 0) {
    process.stderr.write(`${name}(${stuck.join(' ')}) still running ${TIMEOUT_MS} ms after SIGTERM\n`);
    return 3;
  }
  process.stdout.write(`Send shutdown request to ${name}(${pids.join(' ')}) OK; stopped.\n`);
  return 0;
}

void main(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});
