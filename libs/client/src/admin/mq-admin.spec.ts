import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { ResponseCode } from '@rocketmq-ts/protocol';
import { RemotingConnectError } from '@rocketmq-ts/remoting';
import { freePort, type LocalCluster, startLocalCluster, waitFor } from '@rocketmq-ts/testing';

import { MQBrokerError, MQClientError, NoRouteError } from '../errors';
import { classifyAdminError, MQAdminNotFoundError } from './admin-errors';
import { MQAdmin } from './mq-admin';

// MQAdmin against a real name server and broker. The commands are exercised end to end by
// apps/mqadmin's wire specs; this one covers name server failover and how failures are typed.
describe('Client > MQAdmin', () => {
  let cluster: LocalCluster;
  let admin: MQAdmin;

  beforeAll(async () => {
    cluster = await startLocalCluster();
    // The first name server is a dead port: every call must fail over to the live one.
    admin = new MQAdmin({ namesrvAddr: `127.0.0.1:${await freePort()};${cluster.namesrvAddr}`, requestTimeoutMs: 3_000 });
    await waitFor(async () => (await admin.clusterInfo()).brokerAddrTable.size === 1, {
      timeoutMs: 20_000,
      reason: 'the broker registered',
    });
  }, 120_000);

  afterAll(async () => {
    await admin.close();
    await cluster.stop();
  });

  it('fails over to the next name server and reads the cluster', async () => {
    const [broker] = await admin.clusterList();
    expect(broker).toMatchObject({ brokerName: cluster.brokerName, brokerId: 0, addr: cluster.brokerAddr, active: true });
    expect(broker?.error).toBeUndefined();
  });

  it('creates a topic, shows its queues, and deletes it again', async () => {
    expect(
      await admin.createOrUpdateTopic(
        { topic: 'MQAdminSpecTopic', readQueueNums: 2, writeQueueNums: 2 },
        { clusterName: 'DefaultCluster' },
      ),
    ).toEqual([cluster.brokerAddr]);
    // The broker registers the new topic with the name server after answering: wait for its route.
    await waitFor(async () => (await admin.topicRoute('MQAdminSpecTopic').catch(() => undefined)) !== undefined, {
      timeoutMs: 15_000,
      reason: 'MQAdminSpecTopic routed',
    });
    const status = await admin.topicStatus('MQAdminSpecTopic');
    expect(status.queues.map(({ queue, maxOffset }) => [queue.queueId, maxOffset])).toEqual([
      [0, 0],
      [1, 0],
    ]);
    await admin.deleteTopic('MQAdminSpecTopic', 'DefaultCluster');
    await expect(admin.topicRoute('MQAdminSpecTopic')).rejects.toBeInstanceOf(NoRouteError);
  });

  it('types failures: nothing there, refused, unreachable', async () => {
    const missing = await admin.consumerProgress('NobodyGroup').catch((error: unknown) => error);
    expect(missing).toBeInstanceOf(MQAdminNotFoundError);
    expect(classifyAdminError(missing)).toBe('not-found');
    expect(classifyAdminError(new MQBrokerError('b', ResponseCode.NO_PERMISSION, 'no'))).toBe('refused');
    expect(classifyAdminError(new MQBrokerError('b', ResponseCode.CONSUMER_NOT_ONLINE, 'gone'))).toBe('not-found');

    const nowhere = new MQAdmin({ namesrvAddr: `127.0.0.1:${await freePort()}` });
    try {
      const error = await nowhere.topicList().catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(MQClientError);
      expect((error as MQClientError).cause).toBeInstanceOf(RemotingConnectError);
      expect(classifyAdminError(error)).toBe('unreachable');
    } finally {
      await nowhere.close();
    }
  });
});
