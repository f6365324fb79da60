import { homedir } from 'node:os';
import { join } from 'node:path';

import {
  bool,
  type ConfigOf,
  defineConfigSchema,
  duration,
  httpPortField,
  int,
  oneOf,
  port,
  string,
  tlsServerFields,
} from '@rocketmq-ts/config';

/**
 * The namesrv's configuration. Keys are RocketMQ's own (NamesrvConfig + NettyServerConfig), so a
 * Java `namesrv.conf` works unchanged; keys marked "ours" do not exist in Java.
 *
 * Ports: remoting on `listenPort` (9876, as Java); HTTP `/health` and `/metrics` on `httpPort`,
 * by default listenPort - 31 (9845), so that name servers started with only different listenPorts
 * never collide (the rule and its layouts: libs/config http-port.ts).
 */
export const namesrvConfigSchema = defineConfigSchema({
  rocketmqHome: string('', { env: 'ROCKETMQ_HOME', description: 'installation root (informational)' }),
  kvConfigPath: string(join(homedir(), 'namesrv', 'kvConfig.json'), { nonEmpty: true, description: 'KV config JSON file' }),
  listenPort: port(9876, { description: 'remoting (TCP) port' }),
  bindAddress: string('0.0.0.0', { nonEmpty: true, description: 'remoting and HTTP bind address' }),
  serverChannelMaxIdleTimeSeconds: int(120, { min: 0, max: 86_400, description: 'close idle connections after this; 0 = never' }),
  scanNotActiveBrokerInterval: duration(5000, { minMs: 100, maxMs: 3_600_000, description: 'broker liveness scan period (ms)' }),
  orderMessageEnable: bool(false, { description: 'return ORDER_TOPIC_CONFIG in route replies' }),
  returnOrderTopicConfigToBroker: bool(true, { description: 'return ORDER_TOPIC_CONFIG in register replies' }),
  enableAllTopicList: bool(true, { description: 'serve GET_ALL_TOPIC_LIST_FROM_NAMESERVER' }),
  enableTopicList: bool(true, { description: 'serve GET_TOPICS_BY_CLUSTER' }),
  supportActingMaster: bool(false, { description: 'let the lowest-id slave stand in for a missing master in routes' }),
  deleteTopicWithBrokerRegistration: bool(false, { description: 'drop topics a master no longer reports' }),
  enableControllerInNamesrv: bool(false, {
    description:
      'also run a controller in this process, configured by the controller keys of the same file (docs/controller.md#embedded-in-the-name-server)',
  }),
  httpPort: httpPortField({ description: 'ours: HTTP port for /health and /metrics; unset = listenPort - 31, 0 = any free port' }),
  // TLS (docs/security.md#tls): Java clients with tls.enable use TLS to name servers too.
  ...tlsServerFields(),
  logLevel: oneOf(['trace', 'debug', 'info', 'warn', 'error', 'fatal'], 'info', { description: 'ours: pino level' }),
  shutdownDrainTimeoutMillis: duration(5000, { maxMs: 60_000, description: 'ours: in-flight drain budget on SIGTERM' }),
});

export type NamesrvConfig = ConfigOf<(typeof namesrvConfigSchema)['fields']>;
