import { existsSync } from 'node:fs';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { ClusterInfo, createRequest, RequestCode, ResponseCode } from '@rocketmq-ts/protocol';

import { type LocalCluster, startLocalCluster } from './local-cluster';
import { retryOnPortRace, startLocalNamesrv } from './local-servers';
import { freePort, portOf } from './ports';
import { processes } from './process-harness';
import { remotingRequest } from './remoting-request';
import { commitOffset, createGroup, createTopic, storedMessageCount, topicOffsets } from './setup-requests';
import { waitFor } from './wait-for';

async function clusterInfoOf(namesrvAddr: string): Promise<ClusterInfo> {
  const response = await remotingRequest(portOf(namesrvAddr), createRequest(RequestCode.GET_BROKER_CLUSTER_INFO));
  if (response.code !== ResponseCode.SUCCESS || response.body === undefined) throw new Error(`cluster info: code ${response.code}`);
  return ClusterInfo.decode(response.body);
}

describe('Testing > retryOnPortRace', () => {
  it('boots again after a lost port race, found in the message or a cause, up to the attempts', async () => {
    const failures = [
      new Error('broker exited: bind EADDRINUSE 127.0.0.1:10911'),
      new Error('boot failed', { cause: new Error('Address already in use') }),
    ];
    let calls = 0;
    await expect(retryOnPortRace(async () => (calls++ < failures.length ? Promise.reject(failures[calls - 1]) : 'booted'))).resolves.toBe(
      'booted',
    );
    expect(calls).toBe(3);

    let tries = 0;
    await expect(retryOnPortRace(() => Promise.reject(new Error(`EADDRINUSE ${++tries}`)), 2)).rejects.toThrow('EADDRINUSE 2');
  });

  it('throws any other failure at once', async () => {
    let calls = 0;
    await expect(retryOnPortRace(() => Promise.reject(new Error(`no such file ${++calls}`)))).rejects.toThrow('no such file 1');
    expect(calls).toBe(1);
  });
});

describe('Testing > startLocalCluster (bin/mqnamesrv, bin/mqbroker)', () => {
  let cluster: LocalCluster;

  beforeAll(async () => {
    cluster = await startLocalCluster({
      label: 'testing-spec',
      namesrvCount: 2,
      brokerName: 'testing-spec-broker',
      brokerSettings: { brokerClusterName: 'TestingSpecCluster' },
    });
  }, 120_000);

  afterAll(async () => {
    await cluster?.stop();
  });

  it('registers the broker, with its extra settings, on every name server', async () => {
    expect(cluster.namesrvAddrs).toHaveLength(2);
    expect(cluster.namesrvAddr).toBe(cluster.namesrvAddrs[0]);
    for (const namesrvAddr of cluster.namesrvAddrs) {
      // The broker registers a moment after it logs "boot success".
      const info = await waitFor(
        async () => {
          const answer = await clusterInfoOf(namesrvAddr);
          return answer.brokerAddrTable.size > 0 ? answer : undefined;
        },
        { timeoutMs: 20_000, reason: `registration on ${namesrvAddr}` },
      );
      expect([...(info.clusterAddrTable.get('TestingSpecCluster') ?? [])]).toEqual(['testing-spec-broker']);
      expect(info.brokerAddrTable.get('testing-spec-broker')?.brokerAddrs.get(0)).toBe(cluster.brokerAddr);
    }
  });

  it('creates a routed topic and a group, and reads offsets back', async () => {
    await createTopic(cluster, 'TestingSpecTopic', 3);
    await createGroup(cluster.brokerAddr, 'testing_spec_group');
    await commitOffset(cluster.brokerAddr, 'testing_spec_group', 'TestingSpecTopic', 0, 0);
    const offsets = await topicOffsets(cluster.brokerAddr, 'TestingSpecTopic');
    expect([...offsets.keys()].sort()).toEqual([0, 1, 2]);
    expect(await storedMessageCount(cluster.brokerAddr, 'TestingSpecTopic')).toBe(0);
  });

  it('starts a name server on a chosen port', async () => {
    const port = await freePort();
    const namesrv = await startLocalNamesrv({ port, label: 'testing-spec-late-namesrv' });
    try {
      expect(namesrv.addr).toBe(`127.0.0.1:${port}`);
      expect((await clusterInfoOf(namesrv.addr)).brokerAddrTable.size).toBe(0);
    } finally {
      await namesrv.process.stop();
      namesrv.dir.remove();
    }
  });

  it('stop() ends every process and removes the directories', async () => {
    const dirs = [...cluster.namesrvs.map((namesrv) => namesrv.dir.path), cluster.broker.dir.path];
    await cluster.stop();
    expect(processes.list()).toHaveLength(0);
    expect(dirs.filter((dir) => existsSync(dir))).toEqual([]);
    expect(cluster.broker.process.running).toBe(false);
  });
});
