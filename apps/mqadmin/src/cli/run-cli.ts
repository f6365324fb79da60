import { readFileSync } from 'node:fs';
import type { ConnectionOptions as TlsConnectionOptions } from 'node:tls';

import { errorMessage } from '@rocketmq-ts/base';
import { MQAdmin } from '@rocketmq-ts/client';
import type { AclCredentials } from '@rocketmq-ts/protocol';

import type { Command, CommandContext } from './command';
import { ExitCode, exitCodeOf } from './exit-codes';
import { commandHelp, generalHelp } from './help';
import { COMMON_OPTIONS } from './option-spec';
import { OptionValues } from './option-values';
import { parseOptions } from './parse-options';
import { UsageError } from '@rocketmq-ts/config';

export const DEFAULT_NAMESRV_ADDR = '127.0.0.1:9876';

export interface CliIo {
  readonly out: (text: string) => void;
  readonly err: (text: string) => void;
  readonly env: Readonly<Record<string, string | undefined>>;
}

/** Runs one mqadmin invocation; resolves with the exit code. Never throws. */
export async function runCli(argv: readonly string[], commands: readonly Command[], io: CliIo): Promise<ExitCode> {
  const [name, ...rest] = argv;
  if (name === undefined || name === 'help' || name === '-h' || name === '--help') {
    const topic = name === 'help' ? rest[0] : undefined;
    const command = topic === undefined ? undefined : commands.find((one) => one.name === topic);
    if (topic !== undefined && command === undefined) {
      io.err(`mqadmin: unknown command ${topic}; run mqadmin help`);
      return ExitCode.USAGE;
    }
    io.out(command === undefined ? generalHelp(commands) : commandHelp(command));
    return ExitCode.OK;
  }
  const command = commands.find((one) => one.name === name);
  if (command === undefined) {
    io.err(`mqadmin: unknown command ${name}; run mqadmin help`);
    return ExitCode.USAGE;
  }
  const json = rest.includes('--json');
  let admin: MQAdmin | undefined;
  try {
    const values = new OptionValues(command.name, parseOptions(command.name, rest, [...command.options, ...COMMON_OPTIONS]));
    if (values.flag('help')) {
      io.out(commandHelp(command));
      return ExitCode.OK;
    }
    const namesrvAddr = values.string('namesrvAddr') ?? io.env['NAMESRV_ADDR'] ?? DEFAULT_NAMESRV_ADDR;
    const credentials = aclCredentials(
      values.string('accessKey') ?? io.env['ROCKETMQ_ACCESS_KEY'],
      values.string('secretKey') ?? io.env['ROCKETMQ_SECRET_KEY'],
    );
    const tls = tlsOptions(values.flag('tls'), values.string('tlsCaFile'));
    const context: CommandContext = {
      options: values,
      namesrvAddr,
      admin: () => (admin ??= new MQAdmin({ namesrvAddr, credentials, tls })),
    };
    const result = await command.run(context);
    io.out(json ? JSON.stringify(result.json, null, 2) : result.text);
    return ExitCode.OK;
  } catch (error) {
    const code = exitCodeOf(error);
    const message = errorMessage(error);
    io.err(`mqadmin ${command.name}: ${message}${error instanceof UsageError ? `\nrun: mqadmin help ${command.name}` : ''}`);
    if (json)
      io.out(
        JSON.stringify(
          { error: { exitCode: code, type: error instanceof Error ? error.name : 'Error', message, responseCode: responseCodeOf(error) } },
          null,
          2,
        ),
      );
    return code;
  } finally {
    await admin?.close();
  }
}

/** Both keys or neither: one without the other is a usage error, not a silently unsigned request. */
function aclCredentials(accessKey: string | undefined, secretKey: string | undefined): AclCredentials | undefined {
  if (accessKey === undefined && secretKey === undefined) return undefined;
  if (accessKey === undefined || secretKey === undefined || accessKey === '' || secretKey === '')
    throw new UsageError('--accessKey and --secretKey go together (or $ROCKETMQ_ACCESS_KEY and $ROCKETMQ_SECRET_KEY)');
  return { accessKey, secretKey };
}

function tlsOptions(enabled: boolean, caFile: string | undefined): TlsConnectionOptions | undefined {
  if (!enabled) {
    if (caFile !== undefined) throw new UsageError('--tlsCaFile needs --tls');
    return undefined;
  }
  if (caFile === undefined) return { rejectUnauthorized: false };
  try {
    return { ca: readFileSync(caFile) };
  } catch (error) {
    throw new UsageError(`--tlsCaFile ${caFile}: ${errorMessage(error)}`);
  }
}

function responseCodeOf(error: unknown): number | undefined {
  if (typeof error !== 'object' || error === null || !('responseCode' in error)) return undefined;
  return typeof error.responseCode === 'number' ? error.responseCode : undefined;
}
