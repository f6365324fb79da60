import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { type Logger, ManualClock, silentLogger } from '@rocketmq-ts/base';
import { freePorts } from '@rocketmq-ts/testing';

import { startBroker, type StartedBroker } from '../bootstrap';
import type { MessageStoreFactory } from '../broker-runtime.module';
import { type BrokerConfig, brokerConfigSchema } from '../config/broker-config.schema';

export interface InProcessBroker extends StartedBroker {
  readonly clock: ManualClock;
  readonly config: BrokerConfig;
  /** `127.0.0.1:<remoting port>` */
  readonly address: string;
  readonly httpBaseUrl: string;
  readonly storeDir: string;
  stop(): Promise<void>;
}

export interface InProcessBrokerOptions {
  readonly overrides?: Partial<BrokerConfig>;
  readonly openStore?: MessageStoreFactory;
  readonly logger?: Logger;
  /**
   * Schedule the broker's timers (long-poll sweeps, flush ticks, registration, …) on the ManualClock
   * too, so only `clock.advance` moves them. Default: real timers beside the manual date. Start on
   * an empty store: a start that waits for dispatch would wait for an `advance` that cannot come yet.
   */
  readonly manualTimers?: boolean;
}

/**
 * The broker app in this process: a free remoting port picked first (the store host of every
 * message is derived from it before the server binds), HTTP on an ephemeral port, brokerIP1
 * 127.0.0.1, a ManualClock and a throwaway store directory. No name server unless
 * `overrides.namesrvAddr` names one.
 */
export async function startInProcessBroker(options: InProcessBrokerOptions = {}): Promise<InProcessBroker> {
  const storeDir = mkdtempSync(join(tmpdir(), 'broker-wire-'));
  // The HA port too: listenPort + 1 is not known to be free (masters bind it at start).
  const [listenPort, haListenPort, fastListenPort] = (await freePorts(3)) as [number, number, number];
  const config: BrokerConfig = Object.freeze({
    ...brokerConfigSchema.defaults(),
    brokerName: 'broker-a',
    brokerIP1: '127.0.0.1',
    bindAddress: '127.0.0.1',
    listenPort,
    haListenPort,
    fastListenPort,
    httpPort: 0,
    namesrvAddr: '',
    storePathRootDir: storeDir,
    shutdownDrainTimeoutMillis: 1000,
    ...options.overrides,
  });
  const clock = new ManualClock();
  let started: StartedBroker;
  try {
    const timers = options.manualTimers === true ? clock : undefined;
    started = await startBroker({
      config,
      logger: options.logger ?? silentLogger,
      clock,
      timers,
      openStore: options.openStore,
      collectDefaultMetrics: false,
    });
  } catch (error) {
    // A spec that expects the start to fail (a bad setting) leaves no store behind.
    rmSync(storeDir, { recursive: true, force: true });
    throw error;
  }
  return {
    ...started,
    clock,
    config,
    storeDir,
    address: `127.0.0.1:${started.remotingPort}`,
    httpBaseUrl: `http://127.0.0.1:${started.httpPort}`,
    stop: async () => {
      await started.app.close();
      rmSync(storeDir, { recursive: true, force: true });
    },
  };
}
