import { join } from 'node:path';

import { type ApacheBroker, restartApacheBroker, startApacheBroker } from './apache-broker';
import { type LocalBroker, restartLocalBroker, startLocalBroker } from './local-servers';

/** One broker of the replica set, ours or Apache's, as the scenario needs it. */
export interface Replica {
  readonly addr: string;
  /** Its store root: `commitlog/` is under it. */
  readonly storeRoot: string;
  kill(): Promise<void>;
  /** Sends a signal to its process group (SIGSTOP / SIGCONT pause and resume it). */
  signal(signal: NodeJS.Signals): void;
  restart(): Promise<void>;
  /** Output lines of its current process (since its last start or restart). */
  logLines(): string[];
}

export type BrokerKind = 'ours' | 'apache';

/** Controller-mode settings both kinds share (shortened periods, as Apache's own integration tests do). */
export function controllerSettings(controllerAddr: string): Record<string, string> {
  return {
    enableControllerMode: 'true',
    controllerAddr,
    allAckInSyncStateSet: 'true',
    brokerHeartbeatInterval: '1000',
    syncBrokerMetadataPeriod: '1000',
    checkSyncStateSetPeriod: '1000',
    haMaxTimeSlaveNotCatchup: '5000',
    haSendHeartbeatInterval: '1000',
    haHousekeepingInterval: '10000',
  };
}

export async function startReplica(
  kind: BrokerKind,
  index: number,
  namesrvAddr: string,
  brokerName: string,
  controllerAddr: string,
): Promise<Replica> {
  if (kind === 'ours') {
    let broker: LocalBroker = await startLocalBroker({
      namesrvAddr,
      brokerName,
      settings: {
        ...controllerSettings(controllerAddr),
        brokerClusterName: 'DefaultCluster',
        slaveSynchronizeIntervalMillis: '1000',
        registerNameServerPeriod: '10000',
      },
      label: `ctl-broker-${index}`,
      name: `broker-${index}`,
      logFile: true,
    });
    return {
      addr: broker.addr,
      storeRoot: broker.dir.path,
      kill: async () => {
        broker.process.kill('SIGKILL');
        await broker.process.waitForExit({ timeoutMs: 10_000, reason: `${broker.addr} gone after SIGKILL` });
      },
      signal: (signal) => void broker.process.kill(signal),
      restart: async () => {
        broker = await restartLocalBroker(broker, { logFile: true });
      },
      logLines: () => broker.process.lines().map((line) => line.text),
    };
  }
  // Apache's quick start: brokerId -1 and brokerRole SLAVE, the controller decides.
  let broker: ApacheBroker = await startApacheBroker({
    namesrvAddr,
    brokerName,
    label: `apache-ctl-broker-${index}`,
    conf: { ...controllerSettings(controllerAddr), brokerId: '-1', brokerRole: 'SLAVE' },
  });
  return {
    addr: broker.addr,
    storeRoot: join(broker.dir.path, 'store'),
    kill: async () => {
      broker.process.kill('SIGKILL');
      await broker.process.waitForExit({ timeoutMs: 10_000, reason: `${broker.addr} gone after SIGKILL` });
    },
    signal: (signal) => void broker.process.kill(signal),
    restart: async () => {
      broker = await restartApacheBroker(broker);
    },
    logLines: () => broker.process.lines().map((line) => line.text),
  };
}
