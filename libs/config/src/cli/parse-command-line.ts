import { type CliOption, parseArguments } from './parse-arguments';

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
export interface CommandLine {
  readonly configFile: string | undefined;
  /** Overrides in argument order; a later one for the same key wins. */
  readonly overrides: ReadonlyMap<string, string>;
  readonly printConfig: boolean;
  readonly help: boolean;
  readonly problems: readonly string[];
}

const SERVER_OPTIONS: readonly CliOption[] = [
  { key: 'configFile', names: ['-c'], takes: 'value' },
  { key: 'namesrvAddr', names: ['-n'], takes: 'value' },
  { key: 'printConfig', names: ['-p'], takes: 'switch' },
  { key: 'help', names: ['-h', '--help'], takes: 'switch' },
];

export function parseCommandLine(argv: readonly string[]): CommandLine {
  const { entries, problems } = parseArguments(argv, SERVER_OPTIONS, {
    syntax: 'separate',
    openLongOptions: true,
    strayArgument: (arg) => `unrecognised argument "${arg}" (use --key=value, -c <file> or -n <addr>)`,
  });
  const overrides = new Map<string, string>();
  let configFile: string | undefined;
  let printConfig = false;
  let help = false;
  for (const entry of entries) {
    const value = entry.value === true ? 'true' : entry.value;
    if (entry.option === undefined || entry.key === 'namesrvAddr') overrides.set(entry.key, value);
    else if (entry.key === 'configFile') configFile = value;
    else if (entry.key === 'printConfig') printConfig = true;
    else help = true;
  }
  return { configFile, overrides, printConfig, help, problems: problems.map((problem) => problem.message) };
}
