/**
 * Command-line arguments in the shape RocketMQ's start scripts accept, plus long-option overrides:
 *
 *   -c <file>            properties file to load (as `mqnamesrv -c namesrv.conf`)
 *   -n <addr>            shorthand for --namesrvAddr=<addr>
 *   -p                   print the effective configuration and exit
 *   -h, --help           print usage and exit
 *   --key=value          override one key
 *   --key value          same, when the next argument is not an option
 *   --key                boolean switch, same as --key=true
 *
 * Anything else is collected in `problems` so the caller reports it with the config errors
 * instead of silently ignoring a typo such as `-listenPort=1`.
 */
import { at } from '@rocketmq-ts/base';

export interface CommandLine {
  readonly configFile: string | undefined;
  /** Overrides in argument order; a later one for the same key wins. */
  readonly overrides: ReadonlyMap<string, string>;
  readonly printConfig: boolean;
  readonly help: boolean;
  readonly problems: readonly string[];
}

const SHORT_KEYS: Readonly<Record<string, string>> = { '-n': 'namesrvAddr' };

export function parseCommandLine(argv: readonly string[]): CommandLine {
  const overrides = new Map<string, string>();
  const problems: string[] = [];
  let configFile: string | undefined;
  let printConfig = false;
  let help = false;

  const takeValue = (index: number, option: string): string | undefined => {
    const value = argv[index + 1];
    if (value === undefined) problems.push(`option ${option} needs a value`);
    return value;
  };

  for (let i = 0; i < argv.length; i++) {
    const arg = at(argv, i, 'arguments');
    if (arg === '-c' || arg === '-n') {
      const value = takeValue(i, arg);
      i++;
      if (value === undefined) continue;
      if (arg === '-c') configFile = value;
      else {
        const key = SHORT_KEYS[arg];
        if (key !== undefined) overrides.set(key, value);
      }
    } else if (arg === '-p') {
      printConfig = true;
    } else if (arg === '-h' || arg === '--help') {
      help = true;
    } else if (arg.startsWith('--') && arg.length > 2) {
      const body = arg.slice(2);
      const eq = body.indexOf('=');
      if (eq > 0) {
        overrides.set(body.slice(0, eq), body.slice(eq + 1));
      } else if (eq === 0) {
        problems.push(`option "${arg}" has no key`);
      } else {
        const next = argv[i + 1];
        if (next !== undefined && !next.startsWith('-')) {
          overrides.set(body, next);
          i++;
        } else {
          overrides.set(body, 'true');
        }
      }
    } else {
      problems.push(`unrecognised argument "${arg}" (use --key=value, -c <file> or -n <addr>)`);
    }
  }
  return { configFile, overrides, printConfig, help, problems };
}
