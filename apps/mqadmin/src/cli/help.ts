import { at } from '@rocketmq-ts/base';

import type { Command } from './command';
import { EXIT_CODE_HELP } from './exit-codes';
import { COMMON_OPTIONS, type OptionSpec } from './option-spec';

export function generalHelp(commands: readonly Command[]): string {
  const width = Math.max(...commands.map((command) => command.name.length));
  return [
    'usage: mqadmin <command> [-n <namesrvAddr>] [options] [--json]',
    '       mqadmin help <command>',
    '',
    'commands:',
    ...commands.map((command) => `  ${command.name.padEnd(width)}  ${command.summary}`),
    '',
    'The name server comes from -n, else $NAMESRV_ADDR, else 127.0.0.1:9876.',
    'With --json every command prints one JSON document on stdout (an {"error":…} document when it fails).',
    '',
    'exit codes:',
    EXIT_CODE_HELP,
  ].join('\n');
}

export function commandHelp(command: Command): string {
  const options = [...command.options, ...COMMON_OPTIONS];
  const labels = options.map(optionLabel);
  const width = Math.max(...labels.map((text) => text.length));
  return [
    `usage: mqadmin ${command.name} ${command.options
      .filter((spec) => spec.required)
      .map((spec) => `-${spec.short ?? `-${spec.long}`} <${spec.long}>`)
      .join(' ')} [options]`.replace(/ +\[/, ' ['),
    command.summary,
    '',
    ...options.map(
      (spec, index) => `  ${at(labels, index, 'option labels').padEnd(width)}  ${spec.required ? '(required) ' : ''}${spec.description}`,
    ),
  ].join('\n');
}

function optionLabel(spec: OptionSpec): string {
  const names = spec.short === undefined ? `    --${spec.long}` : `-${spec.short}, --${spec.long}`;
  return spec.hasArg ? `${names} <value>` : names;
}
