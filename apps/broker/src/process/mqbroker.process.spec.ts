import { writeFileSync } from 'node:fs';
import { type AddressInfo, createServer } from 'node:net';
import { resolve } from 'node:path';

import { afterAll, describe, expect, it } from 'vitest';

import { createRequest, KVTable, RequestCode } from '@rocketmq-ts/protocol';
import { RemotingClient } from '@rocketmq-ts/remoting';
import { createTempDir, freePorts, processes, waitFor, withLogsOnFailure } from '@rocketmq-ts/testing';

import { RecordingNamesrv } from '../testing/recording-namesrv';

const MQBROKER = resolve(__dirname, '../../../../bin/mqbroker');
const BOOT_TIMEOUT_MS = 60_000;

// The real start script as an operator runs it: a child process from source, a broker.conf, -n
// for the name server, SIGTERM to stop (exit 0 after UNREGISTER_BROKER); a bad file exits 1.
describe('Broker > bin/mqbroker', () => {
  const dir = createTempDir('mqbroker');
  const client = new RemotingClient();
  const namesrv = new RecordingNamesrv();

  afterAll(async () => {
    await client.close();
    await processes.stopAll();
    await namesrv.stop();
    dir.remove();
  });

  it('starts from -c and -n, registers, answers over TCP, and exits 0 on SIGTERM', async () => {
    const namesrvAddr = await namesrv.start();
    // The HA port gets a free port of its own: listenPort + 1 may be any process's ephemeral port.
    const [listenPort, httpPort, haListenPort] = await freePorts(3);
    const confPath = dir.join('broker.conf');
    writeFileSync(
      confPath,
      `brokerClusterName=TestCluster\nbrokerName=broker-p\nbrokerIP1=127.0.0.1\nbindAddress=127.0.0.1\nlistenPort=${listenPort}\nhttpPort=${httpPort}\nhaListenPort=${haListenPort}\nstorePathRootDir=${dir.join('store')}\n`,
    );
    const broker = processes.spawn({ name: 'mqbroker', command: MQBROKER, args: ['-c', confPath, '-n', namesrvAddr] });

    await withLogsOnFailure(async () => {
      await broker.waitForOutput(/The broker\[broker-p, 127\.0\.0\.1:\d+\] boot success/, {
        timeoutMs: BOOT_TIMEOUT_MS,
        reason: 'mqbroker boot line',
      });
      const registration = await waitFor(() => namesrv.latest(), { timeoutMs: 10_000, reason: 'REGISTER_BROKER from the child' });
      expect(registration.brokerAddr).toBe(`127.0.0.1:${listenPort}`);
      expect(registration.topics).toContain('TestCluster');
      const info = await client.invoke(`127.0.0.1:${listenPort}`, createRequest(RequestCode.GET_BROKER_RUNTIME_INFO), 5000);
      expect(KVTable.decode(info.body ?? Buffer.alloc(0)).table.get('brokerVersionDesc')).toBe('V5_3_3');

      broker.kill('SIGTERM');
      expect(await broker.exited).toEqual({ code: 0, signal: null });
      expect(namesrv.unregistrations).toEqual([`127.0.0.1:${listenPort}`]);
    });
  });

  it('exits 1 naming the bad key', async () => {
    const confPath = dir.join('bad.conf');
    writeFileSync(confPath, 'brokerRole=LEADER\n');
    const broker = processes.spawn({ name: 'mqbroker-bad', command: MQBROKER, args: ['-c', confPath, '--listenPort=abc'] });
    expect(await broker.exited).toEqual({ code: 1, signal: null });
    const stderr = broker
      .lines()
      .filter((line) => line.stream === 'stderr')
      .map((line) => line.text);
    expect(stderr[0]).toBe('invalid configuration:');
    expect(stderr).toContain('  listenPort: expected an integer in [1, 65535], got "abc" (--listenPort)');
    expect(
      stderr.some((line) => line.startsWith('  brokerRole: expected one of "ASYNC_MASTER", "SYNC_MASTER", "SLAVE", got "LEADER"')),
    ).toBe(true);
  });

  it('exits 1 naming listenPort when another process holds it', async () => {
    const holder = createServer();
    const held = await new Promise<number>((resolveHeld) =>
      holder.listen(0, '127.0.0.1', () => resolveHeld((holder.address() as AddressInfo).port)),
    );
    try {
      const args = [
        '--brokerIP1=127.0.0.1',
        '--bindAddress=127.0.0.1',
        `--listenPort=${held}`,
        '--httpPort=0',
        `--haListenPort=${(await freePorts(1))[0]}`,
        `--storePathRootDir=${dir.join('store-taken')}`,
      ];
      const broker = processes.spawn({ name: 'mqbroker-taken', command: MQBROKER, args });
      expect(await broker.exited).toEqual({ code: 1, signal: null });
      const stderr = broker
        .lines()
        .filter((line) => line.stream === 'stderr')
        .map((line) => line.text);
      expect(stderr).toEqual(['cannot start:', `  listenPort: 127.0.0.1:${held} is already in use; set listenPort to a free port`]);
    } finally {
      holder.close();
    }
  });
});
