// The launcher's command line.
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';

export const MODES = ['2m-2s-sync', '2m-2s-async', '2m-noslave', 'single', 'controller'];
const DEFAULT_MODE = '2m-2s-sync';
/**
 * Restart a dead process by default only where nothing else can stand in for it: with slaves, a
 * dead master is what the mode is there to show (its group goes on reading from the slave), and a
 * second name server takes over from the first; `--restart` turns it on there too. Controller mode
 * restarts by default: a killed master coming back as a slave of the one elected meanwhile is what
 * that mode is there to show.
 */
export const RESTART_BY_DEFAULT = { '2m-2s-sync': false, '2m-2s-async': false, '2m-noslave': true, single: true, controller: true };
const LOG_FORMATS = ['pretty', 'json'];

const USAGE = `usage: npm start [-- options]   (or node tools/scripts/start-local.mjs [options])
  --mode <mode>          ${MODES.join(' | ')}
                         (default ${DEFAULT_MODE}); brokers (and controllers) from conf/<mode>/*.properties
  --data-dir <dir>       where the stores and logs go (default data/<mode>)
  --port-offset <n>      add n to every port, to run beside another cluster (default 0)
  --set <key=value>      a broker setting for every broker, over the files (repeatable)
  --restart              restart a process that dies, after 1 s doubling to 30 s; left down after
                         3 crashes on start in a row (default on in single, 2m-noslave, controller)
  --no-restart           leave a dead process down (default in 2m-2s-sync and 2m-2s-async)
  --log-format <format>  pretty (default): one readable line per log entry; json: every line a
                         JSON object with a "process" field. Full JSON logs always go to
                         <data-dir>/<process>/logs/
  --no-console           do not start the console (console-api + web UI on 127.0.0.1:8082+offset,
                         login disabled: local use only; see docs/console.md)
  -h, --help             this help`;

export function readOptions(argv, root) {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      options: {
        mode: { type: 'string', default: DEFAULT_MODE },
        'data-dir': { type: 'string' },
        'port-offset': { type: 'string', default: '0' },
        set: { type: 'string', multiple: true, default: [] },
        restart: { type: 'boolean' },
        'no-restart': { type: 'boolean' },
        'log-format': { type: 'string', default: 'pretty' },
        'no-console': { type: 'boolean', default: false },
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
  if (!LOG_FORMATS.includes(parsed['log-format'])) usageError(`--log-format is ${LOG_FORMATS.join(' or ')}, got "${parsed['log-format']}"`);
  if (parsed.restart && parsed['no-restart']) usageError('--restart and --no-restart together');
  const portOffset = Number(parsed['port-offset']);
  if (!Number.isInteger(portOffset) || portOffset < -9000 || portOffset > 50_000)
    usageError(`--port-offset must be an integer, got "${parsed['port-offset']}"`);
  const overrides = parsed.set.map((entry) => {
    const at = entry.indexOf('=');
    if (at <= 0) usageError(`--set takes key=value, got "${entry}"`);
    return [entry.slice(0, at), entry.slice(at + 1)];
  });
  const restart = parsed.restart ? true : parsed['no-restart'] ? false : RESTART_BY_DEFAULT[parsed.mode];
  return {
    mode: parsed.mode,
    dataDir: resolve(parsed['data-dir'] ?? join(root, 'data', parsed.mode)),
    portOffset,
    overrides,
    restart,
    logFormat: parsed['log-format'],
    console: !parsed['no-console'],
  };
}

function usageError(message) {
  console.error(`start-local: ${message}\n${USAGE}`);
  process.exit(1);
}
