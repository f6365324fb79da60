import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { type Logger, ManualClock, silentLogger } from '@rocketmq-ts/base';
import { RemotingClient } from '@rocketmq-ts/remoting';

import { startNamesrv, type StartedNamesrv } from '../bootstrap';
import { type NamesrvConfig, namesrvConfigSchema } from '../config/namesrv-config.schema';

export interface InProcessNamesrv extends StartedNamesrv {
  readonly clock: ManualClock;
  readonly config: NamesrvConfig;
  /** `127.0.0.1:<remoting port>` */
  readonly address: string;
  readonly httpBaseUrl: string;
  stop(): Promise<void>;
}

/**
 * The namesrv app in this process on ephemeral ports (remoting and HTTP), with a ManualClock and a
 * throwaway KV directory, for wire-level specs. Ports are 0 here, which the validated CLI path
 * refuses: the config is built from the schema defaults, not parsed.
 */
export interface InProcessNamesrvTime {
  /** Schedule the app's timers (the liveness scan) on the ManualClock too, instead of real timers. */
  readonly manualTimers?: boolean;
}

export async function startInProcessNamesrv(
  overrides: Partial<NamesrvConfig> = {},
  logger: Logger = silentLogger,
  time: InProcessNamesrvTime = {},
): Promise<InProcessNamesrv> {
  const dataDir = mkdtempSync(join(tmpdir(), 'namesrv-wire-'));
  const config: NamesrvConfig = Object.freeze({
    ...namesrvConfigSchema.defaults(),
    bindAddress: '127.0.0.1',
    listenPort: 0,
    httpPort: 0,
    kvConfigPath: join(dataDir, 'kvConfig.json'),
    shutdownDrainTimeoutMillis: 1000,
    ...overrides,
  });
  const clock = new ManualClock();
  const started = await startNamesrv({ config, logger, clock, timers: time.manualTimers === true ? clock : undefined });
  return {
    ...started,
    clock,
    config,
    address: `127.0.0.1:${started.remotingPort}`,
    httpBaseUrl: `http://127.0.0.1:${started.httpPort}`,
    stop: async () => {
      await started.app.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** A remoting client per fake broker: each gets its own TCP connection, as real brokers do. */
export function newClient(): RemotingClient {
  return new RemotingClient();
}
