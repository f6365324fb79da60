import { type AddressInfo, createServer, type Server } from 'node:net';

import { ManualClock, silentLogger } from '@rocketmq-ts/base';
import { waitFor } from '@rocketmq-ts/testing';
import { afterEach, describe, expect, it } from 'vitest';

import { OFFSET_REPORT_BYTES } from '../wire/ha-wire';
import { HAClient } from './ha-client';

// The slave's report interval on a ManualClock: the client's housekeeping tick is scheduled on the
// clock, so a report goes out when the clock reaches haSendHeartbeatInterval, over a real socket
// to a master that only listens. The store's offset changes between steps, so the order of the
// offsets the master reads shows when each report was written.
describe('HA > slave > report interval on the clock', () => {
  const cleanup: Array<() => Promise<void>> = [];
  afterEach(async () => {
    for (const step of cleanup.splice(0).reverse()) await step();
  });

  async function listeningMaster(): Promise<{ address: string; reports: number[] }> {
    const reports: number[] = [];
    const server: Server = createServer((socket) => {
      let pending = Buffer.alloc(0);
      socket.on('data', (chunk: Buffer) => {
        pending = Buffer.concat([pending, chunk]);
        for (; pending.length >= OFFSET_REPORT_BYTES; pending = pending.subarray(OFFSET_REPORT_BYTES))
          reports.push(Number(pending.readBigInt64BE(0)));
      });
      socket.on('error', () => undefined);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    cleanup.push(() => new Promise<void>((resolve) => server.close(() => resolve())));
    return { address: `127.0.0.1:${(server.address() as AddressInfo).port}`, reports };
  }

  it('reports on connect, then once per 5 s of clock time and not before', async () => {
    const master = await listeningMaster();
    const clock = new ManualClock(0);
    const store = {
      maxOffset: 0,
      getMaxPhyOffset: () => store.maxOffset,
      appendReplicated: (): number => {
        throw new Error('the master sends nothing here');
      },
    };
    const client = new HAClient({
      store,
      logger: silentLogger,
      masterAddress: master.address,
      clock,
      timers: clock,
      config: { haSendHeartbeatIntervalMs: 5_000, haHousekeepingIntervalMs: 20_000 },
    });
    client.start();
    cleanup.push(() => client.stop());
    await waitFor(() => master.reports.length === 1, { timeoutMs: 5_000, reason: 'the report sent on connect' });

    store.maxOffset = 100;
    clock.advance(4_999); // ticks every second; none is 5 s past the last report
    store.maxOffset = 200;
    clock.advance(1);
    await waitFor(() => master.reports.length >= 2, { timeoutMs: 5_000, reason: 'the report at 5 s' });
    expect(master.reports).toEqual([0, 200]);

    store.maxOffset = 300;
    clock.advance(5_000);
    await waitFor(() => master.reports.length >= 3, { timeoutMs: 5_000, reason: 'the report at 10 s' });
    expect(master.reports).toEqual([0, 200, 300]);
  });
});
