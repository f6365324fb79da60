/**
 * Misbehaving peers cost one connection, never the service: the master drops a peer that sends
 * garbage or an impossible offset, logging why, and keeps streaming to its real slave; the slave
 * drops a "master" whose frame does not continue its commit log, logging why, and redials.
 */
import { createServer, type Server, type Socket } from 'node:net';

import { RecordingLogger } from '@rocketmq-ts/base';
import { waitFor } from '@rocketmq-ts/testing';
import { afterEach, describe, expect, it } from 'vitest';

import { HAClient } from './slave/ha-client';
import { openTestStore, putMessages, type StoreUnderTest } from './testing/ha-fixtures';
import { HAPair } from './testing/ha-pair';
import { connectRawPeer } from './testing/raw-peer';
import { encodeFrameHeader } from './wire/ha-wire';

let pair: HAPair | undefined;
const cleanups: Array<() => Promise<void> | void> = [];

afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  await pair?.close();
  pair = undefined;
});

/** A TCP server standing in for a master; closed (with every connection it took) after the test. */
async function listenFake(onConnection: (socket: Socket) => void): Promise<Server> {
  const sockets = new Set<Socket>();
  const server = createServer((socket) => {
    sockets.add(socket);
    socket.on('error', () => undefined);
    socket.on('close', () => sockets.delete(socket));
    socket.resume();
    onConnection(socket);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  cleanups.push(async () => {
    for (const socket of sockets) socket.destroy();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });
  return server;
}

describe('HA > misbehaving peers', () => {
  it('drops peers sending garbage or impossible offsets, with the reason logged, and keeps serving the real slave', async () => {
    const masterLog = new RecordingLogger();
    const current = (pair = await HAPair.start({ masterLogger: masterLog }));
    await current.startSlave();
    await putMessages(current.masterStore, 0, 50);
    await current.caughtUp();

    const garbage = await connectRawPeer(current.haAddress);
    garbage.socket.write('GET / HTTP/1.1\r\nHost: x\r\n\r\n');
    const beyond = await connectRawPeer(current.haAddress);
    beyond.report(current.masterStore.getMaxPhyOffset() + 1);
    const runaway = await connectRawPeer(current.haAddress);
    runaway.report(current.masterStore.getMaxPhyOffset());
    runaway.report(current.masterStore.getMaxPhyOffset() + 10_000);
    await Promise.all([garbage.closed, beyond.closed, runaway.closed]);

    const reasons = masterLog.entries.filter((entry) => entry.level === 'warn').map((entry) => String(entry.fields['reason']));
    expect(reasons).toEqual(
      expect.arrayContaining([
        expect.stringContaining('is not a commit-log offset'),
        expect.stringContaining("beyond the master's max offset"),
        expect.stringContaining('beyond what was sent'),
      ]),
    );
    await putMessages(current.masterStore, 50, 120);
    await current.caughtUp();
    expect(current.server.slaveCount()).toBe(1);
    expect(current.server.getPush2SlaveMaxOffset()).toBe(current.masterStore.getMaxPhyOffset());
  });

  it('drops a master whose frame does not continue the slave commit log, logs why, and redials', async () => {
    const slave: StoreUnderTest = await openTestStore('SLAVE');
    cleanups.push(async () => {
      await slave.store.shutdown();
      slave.dir.remove();
    });
    const seed = await openTestStore('ASYNC_MASTER');
    cleanups.push(async () => {
      await seed.store.shutdown();
      seed.dir.remove();
    });
    await putMessages(seed.store, 0, 2);
    const firstChunk = await seed.store.readCommitLog(0, 1_000);
    if (firstChunk === undefined) throw new Error('seed store is empty');
    slave.store.appendReplicated(0, firstChunk.buffer);

    // A fake master: answers every connection with one frame at the wrong offset.
    const connections: Socket[] = [];
    const fake = await listenFake((socket) => {
      connections.push(socket);
      socket.write(Buffer.concat([encodeFrameHeader(5_000, 4), Buffer.from('oops')]));
    });
    const address = fake.address();
    if (address === null || typeof address !== 'object') throw new Error('fake master has no port');

    const slaveLog = new RecordingLogger();
    const client = new HAClient({
      store: slave.store,
      logger: slaveLog,
      masterAddress: `127.0.0.1:${address.port}`,
      config: { haReconnectMinDelayMs: 20 },
    });
    client.start();
    cleanups.push(() => client.stop());
    await waitFor(() => connections.length >= 2, { timeoutMs: 5_000, intervalMs: 5, reason: 'the slave redialed the fake master' });

    const error = slaveLog.entries.find((entry) => entry.level === 'error');
    expect(error?.message).toContain("the master sent offset 5000 but the slave's commit log ends at 1000");
    expect(slave.store.getMaxPhyOffset()).toBe(1_000);
  });

  it('redials a master that goes silent for haHousekeepingInterval, and heartbeats keep an idle link alive', async () => {
    const config = { haSendHeartbeatIntervalMs: 50, haHousekeepingIntervalMs: 300, haReconnectMinDelayMs: 20 };
    const current = (pair = await HAPair.start({ config }));
    const client = await current.startSlave();
    await putMessages(current.masterStore, 0, 5);
    await current.caughtUp();
    // Idle for three housekeeping intervals: heartbeats both ways keep the one connection.
    await new Promise((resolve) => setTimeout(resolve, 900));
    expect(client.stats().connects).toBe(1);
    expect(current.server.slaveCount()).toBe(1);

    // A "master" that accepts and then says nothing.
    const silent = await listenFake(() => undefined);
    const address = silent.address();
    if (address === null || typeof address !== 'object') throw new Error('silent master has no port');
    client.setMasterAddress(`127.0.0.1:${address.port}`);
    await waitFor(() => client.stats().connects >= 3, {
      timeoutMs: 5_000,
      intervalMs: 10,
      reason: 'the slave gave up on the silent master and redialed',
    });

    client.setMasterAddress(current.haAddress);
    await putMessages(current.masterStore, 5, 10);
    await current.caughtUp();
  });
});
