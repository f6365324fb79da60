import { at, parseHostPort, splitAddressList } from '@rocketmq-ts/base';
import { MQAdminNotFoundError } from '@rocketmq-ts/client';

import type { Command, CommandResult } from '../cli/command';
import type { OptionValues } from '../cli/option-values';
import { UsageError } from '@rocketmq-ts/config';
import { commandLineOf, isLocalHost, pidsListeningOn } from './local-processes';
import { stopProcess } from './stop-process';

export const DEFAULT_BROKER_ADDR = '127.0.0.1:10911';
/** Long enough for a broker to drain its lanes and flush (shutdownDrainTimeoutMillis and store close). */
const DEFAULT_TIMEOUT_MS = 60_000;

/** A timed-out stop: the process is still there (exit 3). */
export class ShutdownTimeoutError extends Error {
  override readonly name = 'ShutdownTimeoutError';
}

const TIMEOUT_OPTION = {
  long: 'timeout',
  hasArg: true,
  description: `ms to wait for the process to exit (default ${DEFAULT_TIMEOUT_MS})`,
} as const;

/**
 * As Apache's mqshutdown finds its java process, but by address: the local process listening on
 * the address's port gets SIGTERM, then we wait until it has exited.
 */
async function shutdownListener(command: string, what: string, addr: string, options: OptionValues): Promise<CommandResult> {
  const parsed = parseHostPort(addr);
  if (parsed === undefined) throw new UsageError(`${addr} is not host:port`, command);
  const { host, port } = parsed;
  if (!isLocalHost(host)) throw new UsageError(`${addr} is not an address of this machine; run ${command} where the ${what} runs`, command);
  const pids = pidsListeningOn(host, port);
  if (pids.length === 0) throw new MQAdminNotFoundError(`no local process listens on ${addr}`);
  const timeoutMs = options.integer('timeout') ?? DEFAULT_TIMEOUT_MS;
  const stopped = [];
  for (const pid of pids) {
    const commandLine = commandLineOf(pid);
    const outcome = await stopProcess(pid, timeoutMs);
    if (outcome === 'timeout')
      throw new ShutdownTimeoutError(`the ${what} (pid ${pid}) on ${addr} was sent SIGTERM but still runs after ${timeoutMs} ms`);
    stopped.push({ pid, commandLine, outcome });
  }
  const text = stopped.map((one) => `The ${what}(${one.pid}) on ${addr} is stopped.`).join('\n');
  return { text, json: { addr, stopped } };
}

export const shutdownBroker: Command = {
  name: 'shutdownBroker',
  summary: 'Stop the local broker listening on an address (SIGTERM, then wait for it to exit).',
  options: [
    { short: 'b', long: 'brokerAddr', hasArg: true, description: `broker address (default ${DEFAULT_BROKER_ADDR})` },
    TIMEOUT_OPTION,
  ],
  run: ({ options }) => shutdownListener('shutdownBroker', 'broker', options.string('brokerAddr') ?? DEFAULT_BROKER_ADDR, options),
};

export const shutdownNamesrv: Command = {
  name: 'shutdownNamesrv',
  summary: 'Stop the local name server listening on the -n address (SIGTERM, then wait for it to exit).',
  options: [TIMEOUT_OPTION],
  async run({ options, namesrvAddr }) {
    const addrs = splitAddressList(namesrvAddr);
    if (addrs.length !== 1) throw new UsageError('give exactly one name server address with -n', 'shutdownNamesrv');
    return shutdownListener('shutdownNamesrv', 'name server', at(addrs, 0, 'name server addresses'), options);
  },
};
