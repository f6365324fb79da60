import { runCli } from './cli/run-cli';
import { COMMANDS } from './commands';

// bin/mqadmin <command> [options]: RocketMQ's admin tool for rocketmq-ts (and Apache) clusters.
void runCli(process.argv.slice(2), COMMANDS, {
  out: (text) => process.stdout.write(`${text}\n`),
  err: (text) => process.stderr.write(`${text}\n`),
  env: process.env,
}).then((code) => {
  process.exitCode = code;
});
