// The release tree's bin/mqnamesrv with enableControllerInNamesrv=true (docs/controller.md#embedded-in-the-name-server):
// the name server runs from its webpack bundle (lib/namesrv/main.js) and loads the controller from the
// controller bundle's controller-process.js (lib/controller/), not from sources the release does not
// ship. Both boot lines, the controller answering 1005 as the leader on its own port, the name server
// answering on its own, and a clean SIGTERM. No containers: the tree is run in place.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { afterAll, describe, expect, it } from 'vitest';

import { createRequest, GetMetaDataResponseHeader, RequestCode } from '@rocketmq-ts/protocol';
import { RemotingClient } from '@rocketmq-ts/remoting';
import { createTempDir, freePorts, processes, withLogsOnFailure, WORKSPACE_ROOT } from '@rocketmq-ts/testing';

const VERSION = (JSON.parse(readFileSync(join(WORKSPACE_ROOT, 'package.json'), 'utf8')) as { version: string }).version;
const TREE = join(WORKSPACE_ROOT, 'dist/release', `rocketmq-ts-${VERSION}`);

describe('release tree: bin/mqnamesrv with the embedded controller', () => {
  const dir = createTempDir('release-embedded-controller');
  const client = new RemotingClient();

  afterAll(async () => {
    await client.close();
    await processes.stopAll();
    dir.remove();
  });

  it('runs the controller from the controller bundle in the name server process', async () => {
    if (!existsSync(join(TREE, 'bin/mqnamesrv'))) throw new Error(`${TREE} is missing: run npm run release first`);
    const [namesrvPort, controllerPort] = (await freePorts(2)) as [number, number];
    const conf = dir.join('namesrv.conf');
    writeFileSync(
      conf,
      [
        `listenPort=${namesrvPort}`,
        'httpPort=0',
        `kvConfigPath=${dir.join('kv.json')}`,
        'enableControllerInNamesrv=true',
        'controllerDLegerGroup=group1',
        `controllerDLegerPeers=n0-127.0.0.1:${controllerPort}`,
        'controllerDLegerSelfId=n0',
        `controllerStorePath=${dir.join('controller-store')}`,
        `configStorePath=${dir.join('controller.properties')}`,
        '',
      ].join('\n'),
    );
    const namesrv = processes.spawn({ name: 'release-mqnamesrv+controller', command: join(TREE, 'bin/mqnamesrv'), args: ['-c', conf] });
    await withLogsOnFailure(async () => {
      await namesrv.waitForOutput(/The Name Server boot success\./, { timeoutMs: 60_000, reason: 'namesrv boot line' });
      expect(namesrv.output()).toContain('The Controller boot success.');
      const reply = await client.invoke(`127.0.0.1:${controllerPort}`, createRequest(RequestCode.CONTROLLER_GET_METADATA_INFO), 5000);
      expect(GetMetaDataResponseHeader.decode(reply.extFields)).toMatchObject({
        group: 'group1',
        controllerLeaderAddress: `127.0.0.1:${controllerPort}`,
        isLeader: true,
      });
      const topics = await client.invoke(`127.0.0.1:${namesrvPort}`, createRequest(RequestCode.GET_ALL_TOPIC_LIST_FROM_NAMESERVER), 5000);
      expect(topics.code).toBe(0);
      namesrv.kill('SIGTERM');
      expect((await namesrv.exited).code).toBe(0);
    });
  });
});
