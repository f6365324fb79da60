import { RecordingLogger } from '@rocketmq-ts/base';
import { freePort, freePortPair, suiteTempDir } from '@rocketmq-ts/testing';

import { type StartedController, startController } from '../bootstrap';
import { type ControllerConfig, controllerConfigSchema } from '../config/controller-config.schema';
import { resolveTopology } from '../config/controller-topology';

export interface InProcessController extends StartedController {
  readonly port: number;
  readonly logger: RecordingLogger;
  readonly config: ControllerConfig;
}

/** Schema defaults with `overrides`, as a properties file would give them. */
export function controllerConfig(overrides: Partial<ControllerConfig>): ControllerConfig {
  const defaults = Object.fromEntries(Object.entries(controllerConfigSchema.fields).map(([key, field]) => [key, field.defaultValue]));
  return { ...defaults, ...overrides } as ControllerConfig;
}

/** A group of `count` controllers (Raft among them), one free port pair each (client port, Raft port + 1), each with its own store. */
export async function startControllerGroup(count: number, overrides: Partial<ControllerConfig> = {}): Promise<InProcessController[]> {
  const ports: number[] = [];
  while (ports.length < count) {
    const port = await freePortPair();
    if (!ports.some((taken) => Math.abs(taken - port) <= 1)) ports.push(port);
  }
  const peers = ports.map((port, index) => `n${index}-127.0.0.1:${port}`).join(';');
  return Promise.all(
    ports.map((port, index) => {
      const dir = suiteTempDir(`controller-group-n${index}`);
      return startInProcessController(
        {
          controllerDLegerPeers: peers,
          controllerDLegerSelfId: `n${index}`,
          controllerStorePath: dir.join('store'),
          configStorePath: dir.join('controller.properties'),
          ...overrides,
        },
        port,
      );
    }),
  );
}

/** A single-node controller on a free port, store in a suite temp dir unless `storePath` is given (restart specs). */
export async function startInProcessController(overrides: Partial<ControllerConfig> = {}, port?: number): Promise<InProcessController> {
  const listenPort = port ?? (await freePort());
  const dir = overrides.controllerStorePath === undefined ? suiteTempDir('controller-wire') : undefined;
  const config = controllerConfig({
    controllerDLegerGroup: 'group1',
    controllerDLegerPeers: `n0-127.0.0.1:${listenPort}`,
    raftElectionTimeoutMillis: 300,
    raftHeartbeatIntervalMillis: 50,
    controllerDLegerSelfId: 'n0',
    controllerStorePath: dir?.join('store') ?? '',
    configStorePath: dir?.join('controller.properties') ?? '',
    bindAddress: '127.0.0.1',
    httpPort: 0,
    ...overrides,
  });
  const topology = resolveTopology(config);
  if (!topology.ok) throw new Error(topology.errors.join('; '));
  const logger = new RecordingLogger();
  const started = await startController({ config, topology: topology.topology, logger });
  return { ...started, port: listenPort, logger, config };
}
