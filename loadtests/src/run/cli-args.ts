import { parseArgs } from 'node:util';

import { parseDuration } from '../config/duration';

export interface CliArgs {
  readonly scenario: string;
  readonly namesrvAddr: string;
  /** Stretch or shrink the scenario's stages to last this long (ms). */
  readonly durationMs?: number;
  readonly summaryExport?: string;
  readonly metricsPort: number;
  readonly metricsHost: string;
  readonly testid?: string;
  readonly killCommand?: string;
  readonly quiet: boolean;
}

export const USAGE = `usage: loadtest <scenario | path/to/scenario.ts> [options]
  -n, --namesrv ADDR        name server(s), a:9876;b:9876 ($NAMESRV_ADDR, else 127.0.0.1:9876)
  -d, --duration 10s        run the scenario's stages scaled to this length
      --summary-export F    write the end-of-test summary as JSON to F
      --metrics-port N      serve /metrics on this port while running (0: any free port, printed)
      --metrics-host H      interface for /metrics (127.0.0.1; 0.0.0.0 in a container)
      --testid ID           the testid label of every series (default: scenario and start time)
      --kill-command CMD    failover: how to kill the master ($BROKER_NAME, $BROKER_ADDR set);
                            default: SIGKILL the local process listening on its port
  -q, --quiet               no progress line each second
exit: 0 thresholds passed, 99 a threshold crossed, 104 bad options, 1 a failure`;

export class UsageError extends Error {
  override readonly name = 'UsageError';
}

export function parseCliArgs(argv: readonly string[], env: NodeJS.ProcessEnv): CliArgs | 'help' {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      options: {
        namesrv: { type: 'string', short: 'n' },
        duration: { type: 'string', short: 'd' },
        'summary-export': { type: 'string' },
        'metrics-port': { type: 'string' },
        'metrics-host': { type: 'string' },
        testid: { type: 'string' },
        'kill-command': { type: 'string' },
        quiet: { type: 'boolean', short: 'q' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const { values, positionals } = parsed;
  if (values.help === true) return 'help';
  if (positionals.length !== 1)
    throw new UsageError(`expected one scenario, got ${positionals.length === 0 ? 'none' : positionals.join(' ')}`);
  const port = Number(values['metrics-port'] ?? '0');
  if (!Number.isInteger(port) || port < 0 || port > 65_535)
    throw new UsageError(`--metrics-port: expected a port number, got ${values['metrics-port']}`);
  let durationMs: number | undefined;
  if (values.duration !== undefined) {
    try {
      durationMs = parseDuration(values.duration);
    } catch (error) {
      throw new UsageError(`--duration: ${(error as Error).message}`);
    }
    if (durationMs <= 0) throw new UsageError('--duration must be above 0');
  }
  if (values.testid !== undefined && !/^[\w.-]+$/.test(values.testid))
    throw new UsageError(`--testid: letters, digits, _ . - only, got ${values.testid}`);
  return {
    scenario: positionals[0] as string,
    namesrvAddr: values.namesrv ?? env['NAMESRV_ADDR'] ?? '127.0.0.1:9876',
    durationMs,
    summaryExport: values['summary-export'],
    metricsPort: port,
    metricsHost: values['metrics-host'] ?? '127.0.0.1',
    testid: values.testid,
    killCommand: values['kill-command'] ?? env['LOADTEST_KILL_COMMAND'],
    quiet: values.quiet === true,
  };
}
