import {
  type ManagedProcess,
  removeAfterSuite,
  restartApacheBroker,
  restartLocalBroker,
  startApacheBroker,
  startLocalBroker,
} from '@rocketmq-ts/testing';

const BOOT_TIMEOUT_MS = 120_000;

export type BrokerKind = 'ours' | 'apache';

/**
 * One broker that can be SIGKILLed and booted again on the same store and ports, so clients find
 * it at the address the name server already routes to.
 */
export interface TimerBroker {
  readonly kind: BrokerKind;
  readonly address: string;
  readonly brokerName: string;
  /** SIGKILL: no shutdown hook runs, nothing is flushed. */
  kill(): Promise<void>;
  /** Boots again on the same store; resolves at "boot success". */
  restart(): Promise<void>;
}

async function killed(process: ManagedProcess): Promise<void> {
  process.kill('SIGKILL');
  await process.waitForExit({ timeoutMs: 15_000, reason: `${process.name} gone after SIGKILL` });
}

/** Our broker (bin/mqbroker), ASYNC_MASTER, default timer keys (precision 1 s). */
export async function startOurTimerBroker(namesrvAddr: string, brokerName: string): Promise<TimerBroker> {
  let broker = await startLocalBroker({ label: 'timer-e2e-ours', namesrvAddr, brokerName, logFile: true, bootTimeoutMs: BOOT_TIMEOUT_MS });
  removeAfterSuite(broker.dir);
  return {
    kind: 'ours',
    address: broker.addr,
    brokerName,
    kill: () => killed(broker.process),
    restart: async () => {
      broker = await restartLocalBroker(broker, { bootTimeoutMs: BOOT_TIMEOUT_MS, logFile: true });
    },
  };
}

/** Apache RocketMQ 5.3.3 with its timer wheel turned back on (run-broker.sh turns it off). */
export async function startApacheTimerBroker(namesrvAddr: string, brokerName: string): Promise<TimerBroker> {
  let broker = await startApacheBroker({ namesrvAddr, brokerName, conf: { timerWheelEnable: 'true' }, label: 'timer-e2e-apache' });
  return {
    kind: 'apache',
    address: broker.addr,
    brokerName,
    kill: () => killed(broker.process),
    restart: async () => {
      broker = await restartApacheBroker(broker);
    },
  };
}
