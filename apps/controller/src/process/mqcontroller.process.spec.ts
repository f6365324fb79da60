import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';

import { afterAll, describe, expect, it } from 'vitest';

import { createRequest, GetMetaDataResponseHeader, RequestCode } from '@rocketmq-ts/protocol';
import { RemotingClient } from '@rocketmq-ts/remoting';
import { createTempDir, freePort, freePorts, processes, withLogsOnFailure } from '@rocketmq-ts/testing';

const BIN = resolve(__dirname, '../../../../bin');
const BOOT_TIMEOUT_MS = 60_000;

// The start scripts as an operator runs them: bin/mqcontroller from a controller.conf, and
// bin/mqnamesrv with enableControllerInNamesrv=true running a controller in the same process.
describe('Controller > processes', () => {
  const dir = createTempDir('mqcontroller');
  const client = new RemotingClient();

  afterAll(async () => {
    await client.close();
    await processes.stopAll();
    dir.remove();
  });

  async function metadata(port: number): Promise<GetMetaDataResponseHeader> {
    const reply = await client.invoke(`127.0.0.1:${port}`, createRequest(RequestCode.CONTROLLER_GET_METADATA_INFO), 5000);
    return GetMetaDataResponseHeader.decode(reply.extFields);
  }

  it('bin/mqcontroller serves on its peer port from a -c file and exits 0 on SIGTERM', async () => {
    const port = await freePort();
    const conf = dir.join('controller.conf');
    writeFileSync(
      conf,
      `controllerDLegerGroup=group1\ncontrollerDLegerPeers=n0-127.0.0.1:${port}\ncontrollerDLegerSelfId=n0\ncontrollerStorePath=${dir.join('store')}\nconfigStorePath=${dir.join('persisted.properties')}\nhttpPort=0\n`,
    );
    const controller = processes.spawn({ name: 'mqcontroller', command: `${BIN}/mqcontroller`, args: ['-c', conf] });
    await withLogsOnFailure(async () => {
      await controller.waitForOutput(/The Controller boot success\./, { timeoutMs: BOOT_TIMEOUT_MS, reason: 'mqcontroller boot line' });
      expect(await metadata(port)).toMatchObject({ group: 'group1', controllerLeaderId: 'n0', isLeader: true });
      controller.kill('SIGTERM');
      expect(await controller.exited).toEqual({ code: 0, signal: null });
    });
  });

  it('bin/mqcontroller exits 1 naming each bad key', async () => {
    const controller = processes.spawn({
      name: 'mqcontroller-bad',
      command: `${BIN}/mqcontroller`,
      args: ['--controllerDLegerPeers=n0-127.0.0.1:9878', '--controllerDLegerSelfId=n5'],
    });
    expect(await controller.exited).toEqual({ code: 1, signal: null });
    expect(
      controller
        .lines()
        .filter((line) => line.stream === 'stderr')
        .map((line) => line.text),
    ).toEqual(['controllerDLegerGroup: must be set (e.g. group1)', 'controllerDLegerSelfId: "n5" is not one of n0']);
  });

  it('bin/mqnamesrv with enableControllerInNamesrv=true also runs a controller on its own port', async () => {
    const [namesrvPort, namesrvHttp, controllerPort] = (await freePorts(3)) as [number, number, number];
    const conf = dir.join('namesrv.conf');
    writeFileSync(
      conf,
      [
        `listenPort=${namesrvPort}`,
        `httpPort=${namesrvHttp}`,
        `kvConfigPath=${dir.join('kv.json')}`,
        'enableControllerInNamesrv=true',
        'controllerDLegerGroup=group1',
        `controllerDLegerPeers=n0-127.0.0.1:${controllerPort}`,
        'controllerDLegerSelfId=n0',
        `controllerStorePath=${dir.join('embedded-store')}`,
        `configStorePath=${dir.join('embedded.properties')}`,
        '',
      ].join('\n'),
    );
    const namesrv = processes.spawn({ name: 'mqnamesrv+controller', command: `${BIN}/mqnamesrv`, args: ['-c', conf, '--httpPort=0'] });
    await withLogsOnFailure(async () => {
      await namesrv.waitForOutput(/The Name Server boot success\./, { timeoutMs: BOOT_TIMEOUT_MS, reason: 'namesrv boot line' });
      expect(namesrv.output()).toContain('The Controller boot success.');
      expect(await metadata(controllerPort)).toMatchObject({ controllerLeaderAddress: `127.0.0.1:${controllerPort}`, isLeader: true });
      const topics = await client.invoke(`127.0.0.1:${namesrvPort}`, createRequest(RequestCode.GET_ALL_TOPIC_LIST_FROM_NAMESERVER), 5000);
      expect(topics.code).toBe(0);
      namesrv.kill('SIGTERM');
      expect((await namesrv.exited).code).toBe(0);
    });
  });
});
