import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { MessageConst } from '@rocketmq-ts/model';
import { RemotingClient } from '@rocketmq-ts/remoting';
import { type LocalCluster, startLocalCluster, storedMessageCount, waitFor, waitForMaster } from '@rocketmq-ts/testing';

import type { MessageExt } from '../consumer/message-ext';
import { type PulledMessage, pullQueue } from '../testing/pull-queue';
import { type LocalTransactionState, TransactionProducer } from './transaction-producer';

// The TypeScript TransactionProducer against a real broker process (docs/transactions.md): commit
// is delivered, rollback never, and UNKNOWN is decided by the broker's check, which this producer
// answers with its check listener. The broker checks after 1 s, every 200 ms.
describe('Client > TransactionProducer', () => {
  let cluster: LocalCluster;
  let producer: TransactionProducer;
  const reader = new RemotingClient();
  const decisions = new Map<string, LocalTransactionState>();
  const checked: MessageExt[] = [];
  const topic = `TxClientTopic_${Date.now()}`;

  beforeAll(async () => {
    cluster = await startLocalCluster({
      label: 'client-tx',
      brokerSettings: { transactionTimeOut: '1000', transactionCheckInterval: '200' },
    });
    await waitForMaster(cluster.namesrvAddr, cluster.brokerName, cluster.brokerAddr);
    producer = new TransactionProducer({
      namesrvAddr: cluster.namesrvAddr,
      producerGroup: 'client_tx_group',
      heartbeatIntervalMs: 1_000,
      transactionListener: {
        executeLocalTransaction: (message) => decisions.get(String(message.body)) ?? 'UNKNOWN',
        checkLocalTransaction: (message) => {
          checked.push(message);
          return 'COMMIT';
        },
      },
    });
    await producer.start();
  });

  afterAll(async () => {
    await reader.close();
    await producer?.shutdown();
    await cluster?.stop();
  });

  const delivered = async (): Promise<string[]> => {
    const bodies: PulledMessage[] = [];
    for (let queueId = 0; queueId < 4; queueId++)
      bodies.push(...(await pullQueue({ remoting: reader, brokerAddr: cluster.brokerAddr, topic, queueId })));
    return bodies.map((message) => message.record.body.toString()).sort();
  };

  it('delivers a committed transaction, never a rolled-back one, and lets the check decide an unknown one', async () => {
    decisions.set('commit', 'COMMIT').set('rollback', 'ROLLBACK');
    const results = [];
    for (const body of ['commit', 'rollback', 'unknown'])
      results.push(await producer.sendMessageInTransaction({ topic, body, keys: body }));
    expect(results.map((result) => [result.sendStatus, result.localTransactionState])).toEqual([
      ['SEND_OK', 'COMMIT'],
      ['SEND_OK', 'ROLLBACK'],
      ['SEND_OK', 'UNKNOWN'],
    ]);

    await waitFor(async () => ((await delivered()).length === 2 ? true : undefined), {
      timeoutMs: 20_000,
      reason: 'the commit and the checked transaction delivered',
    });
    expect(await delivered()).toEqual(['commit', 'unknown']);
    expect(
      checked.map((message) => [message.topic, message.body.toString(), message.properties[MessageConst.PROPERTY_PRODUCER_GROUP]]),
    ).toContainEqual([topic, 'unknown', 'client_tx_group']);
    expect(await storedMessageCount(cluster.brokerAddr, topic)).toBe(2);
  });
});
