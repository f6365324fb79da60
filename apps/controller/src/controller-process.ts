import { exitOnFatalError, loadConfigForProcess, startOrExplainBindFailure } from '@rocketmq-ts/config';
import { createLogger } from '@rocketmq-ts/observability';

import { type StartedController, startController } from './bootstrap';
import { controllerConfigSchema } from './config/controller-config.schema';
import { resolveTopology } from './config/controller-topology';

export const USAGE = `usage: mqcontroller [-c <file>] [--<key>=<value> ...] [-p] [-h]
  -c <file>   load a properties file (RocketMQ controller.conf format)
  -p          print the effective configuration and exit
  -h          print this help and exit
  --key=value override one key, e.g. --controllerDLegerSelfId=n1`;

export type ControllerProcessOutcome =
  { readonly kind: 'exit'; readonly exitCode: number } | { readonly kind: 'running'; readonly controller: StartedController };

/**
 * Config, logger and app for a controller process: `bin/mqcontroller`, or a name server with
 * enableControllerInNamesrv=true, which passes its own command line (the controller keys live in
 * the same file, as in RocketMQ). Returns an exit code instead of running when it should not.
 */
export async function runControllerProcess(
  argv: readonly string[],
  options: { readonly embedded?: boolean } = {},
): Promise<ControllerProcessOutcome> {
  const outcome = loadConfigForProcess(controllerConfigSchema, { argv, usage: USAGE });
  if (outcome.kind === 'exit') return outcome;
  const { loaded } = outcome;
  const { config } = loaded;
  const topology = resolveTopology(config);
  if (!topology.ok) {
    for (const error of topology.errors) process.stderr.write(`${error}\n`);
    return { kind: 'exit', exitCode: 1 };
  }
  const logger = createLogger({ name: options.embedded ? 'namesrv-controller' : 'controller', level: config.logLevel });
  // A name server's own keys are unknown here; say so only for a standalone controller.
  if (!options.embedded) for (const warning of loaded.warnings) logger.warn(warning);
  // Embedded, the name server's handler already covers the process.
  if (!options.embedded) exitOnFatalError(logger);
  const ports = [
    { key: 'controllerDLegerPeers', port: topology.topology.self.port, ephemeralAllowed: false },
    { key: 'httpPort', port: topology.topology.httpPort, ephemeralAllowed: true },
  ];
  const controller = await startOrExplainBindFailure(() => startController({ config, topology: topology.topology, logger }), ports);
  if (controller === undefined) return { kind: 'exit', exitCode: 1 };
  logger.info({ config, remotingPort: controller.remotingPort, httpPort: controller.httpPort }, 'controller started');
  process.stdout.write(
    `The Controller boot success. group=${topology.topology.group} self=${topology.topology.selfId}, listening on ${config.bindAddress}:${controller.remotingPort}, http on ${config.bindAddress}:${controller.httpPort}\n`,
  );
  return { kind: 'running', controller };
}
