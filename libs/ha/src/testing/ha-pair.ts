/**
 * A master store with its HAServer and a slave store with its HAClient on 127.0.0.1, in one
 * process, with real sockets and files; `close` tears everything down and removes the files.
 */
import { type Logger, silentLogger } from '@rocketmq-ts/base';
import type { DefaultMessageStore, StoreConfig } from '@rocketmq-ts/store';
import { waitFor } from '@rocketmq-ts/testing';

import type { HAConfig } from '../ha-config';
import { HAServer } from '../master/ha-server';
import { HAClient } from '../slave/ha-client';
import { openTestStore, type StoreUnderTest } from './ha-fixtures';

export interface HAPairOptions {
  readonly masterLogger?: Logger;
  readonly slaveLogger?: Logger;
  readonly config?: Partial<HAConfig>;
  readonly masterStore?: Partial<StoreConfig>;
  readonly slaveStore?: Partial<StoreConfig>;
}

export class HAPair {
  slaveClient: HAClient | undefined;
  private constructor(
    readonly master: StoreUnderTest,
    readonly server: HAServer,
    readonly slave: StoreUnderTest,
    readonly haAddress: string,
    private readonly options: HAPairOptions,
  ) {}

  /** Master store and HA server listening; slave store open, its client not started. */
  static async start(options: HAPairOptions = {}): Promise<HAPair> {
    const master = await openTestStore('ASYNC_MASTER', options.masterStore);
    const server = new HAServer({ store: master.store, logger: options.masterLogger ?? silentLogger, config: options.config });
    const port = await server.listen(0, '127.0.0.1');
    const slave = await openTestStore('SLAVE', options.slaveStore);
    return new HAPair(master, server, slave, `127.0.0.1:${port}`, options);
  }

  get masterStore(): DefaultMessageStore {
    return this.master.store;
  }

  get slaveStore(): DefaultMessageStore {
    return this.slave.store;
  }

  /** Starts an HA client for the slave store (stopping a previous one first); resolves once the master has its first report. */
  async startSlave(): Promise<HAClient> {
    await this.slaveClient?.stop();
    const client = new HAClient({
      store: this.slave.store,
      logger: this.options.slaveLogger ?? silentLogger,
      masterAddress: this.haAddress,
      config: this.options.config,
    });
    client.start();
    this.slaveClient = client;
    await waitFor(() => client.isConnected() && this.server.slaveCount() > 0, {
      timeoutMs: 5_000,
      intervalMs: 5,
      reason: 'the master counts the slave as connected',
    });
    return client;
  }

  /** Waits until the slave's commit log ends where the master's does and its dispatcher is done. */
  async caughtUp(timeoutMs = 10_000): Promise<void> {
    await waitFor(
      () => this.slave.store.getMaxPhyOffset() === this.master.store.getMaxPhyOffset() && this.slave.store.dispatchBehindBytes() === 0,
      {
        timeoutMs,
        intervalMs: 5,
        reason: `slave caught up with master max offset ${this.master.store.getMaxPhyOffset()}`,
      },
    );
  }

  async close(): Promise<void> {
    await this.slaveClient?.stop();
    await this.server.close();
    await this.slave.store.shutdown();
    await this.master.store.shutdown();
    this.slave.dir.remove();
    this.master.dir.remove();
  }
}
