// The broker's native metrics over the real wire: sends (single and batch) and pulls through TCP
// against the in-process broker, then GET /metrics. Counts must equal what was sent and pulled,
// every series carries the node labels, and the scrape-time gauges (flush, dispatch, disk, store
// size, long-poll holds, connections from accept to close, consumer lag) read the broker's real state. With
// enableMetrics=false the hot-path series are absent and the gauges remain.
import { connect } from 'node:net';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { buildPullSysFlag, encodeBatchBody, encodeMessageProperties } from '@rocketmq-ts/model';
import {
  createRequest,
  PullMessageRequestHeader,
  type RemotingCommand,
  RequestCode,
  ResponseCode,
  SendMessageRequestHeader,
  SendMessageRequestHeaderV2,
  UpdateConsumerOffsetRequestHeader,
} from '@rocketmq-ts/protocol';
import { commitLogFlushChannel } from '@rocketmq-ts/store';
import { TestRemotingConnection, waitFor } from '@rocketmq-ts/testing';

import { PullRequestHoldService } from '../longpolling/pull-request-hold-service';
import { type InProcessBroker, startInProcessBroker } from '../testing/in-process-broker';
import { parsePrometheusText, type PrometheusSample, samplesOf } from './testing/prometheus-text';

const TOPIC = 'MetricsTopic';
const GROUP = 'MetricsGroup';
const NODE = { cluster: 'MetricsCluster', node_type: 'broker', node_id: 'broker-a' };
const NO_SUSPEND = buildPullSysFlag({ commitOffset: false, suspend: false, subscription: true });
const SUSPEND = buildPullSysFlag({ commitOffset: false, suspend: true, subscription: true });
const SINGLE_BODY_BYTES = 100;
const SINGLES = 5;
const BATCH_BODIES = [10, 20, 30];
const STORED_BODY_BYTES = SINGLES * SINGLE_BODY_BYTES + BATCH_BODIES.reduce((sum, bytes) => sum + bytes, 0);

describe('Broker > metrics > /metrics over the wire', () => {
  let broker: InProcessBroker;
  let producer: TestRemotingConnection;
  let consumer: TestRemotingConnection;

  function header(queueId: number, batch = false): SendMessageRequestHeader {
    return {
      producerGroup: 'PG',
      topic: TOPIC,
      defaultTopic: 'TBW102',
      defaultTopicQueueNums: 4,
      queueId,
      sysFlag: 0,
      bornTimestamp: 1_700_000_000_000,
      flag: 0,
      batch,
      properties: batch ? undefined : encodeMessageProperties({ TAGS: 'A', WAIT: 'true' }),
    };
  }

  const sendSingle = (queueId: number): Promise<RemotingCommand> =>
    producer.request(
      createRequest(RequestCode.SEND_MESSAGE, {
        extFields: SendMessageRequestHeader.encode(header(queueId)),
        body: Buffer.alloc(SINGLE_BODY_BYTES, 1),
      }),
    );

  const sendBatch = (queueId: number): Promise<RemotingCommand> => {
    const body = encodeBatchBody(
      BATCH_BODIES.map((bytes) => ({ flag: 0, body: Buffer.alloc(bytes, 2), properties: encodeMessageProperties({ TAGS: 'A' }) })),
    );
    return producer.request(
      createRequest(RequestCode.SEND_BATCH_MESSAGE, { extFields: SendMessageRequestHeaderV2.encodeFromV1(header(queueId, true)), body }),
    );
  };

  const pull = (queueId: number, sysFlag = NO_SUSPEND): Promise<RemotingCommand> => {
    const fields: PullMessageRequestHeader = {
      consumerGroup: GROUP,
      topic: TOPIC,
      queueId,
      queueOffset: 0,
      maxMsgNums: 32,
      sysFlag,
      commitOffset: 0,
      suspendTimeoutMillis: 30_000,
      subscription: '*',
      subVersion: 0n,
    };
    return consumer.request(createRequest(RequestCode.PULL_MESSAGE, { extFields: PullMessageRequestHeader.encode(fields) }), {
      timeoutMs: 60_000,
    });
  };

  async function scrape(): Promise<PrometheusSample[]> {
    const response = await fetch(`${broker.httpBaseUrl}/metrics`);
    expect(response.status).toBe(200);
    return parsePrometheusText(await response.text());
  }

  const only = (samples: readonly PrometheusSample[], name: string, labels: Readonly<Record<string, string>> = {}): number => {
    const found = samplesOf(samples, name, labels);
    expect(found, `${name} ${JSON.stringify(labels)}`).toHaveLength(1);
    return (found[0] as PrometheusSample).value;
  };

  describe('enabled (the default)', () => {
    let samples: PrometheusSample[];
    let heldPull: Promise<RemotingCommand>;

    beforeAll(async () => {
      // SYNC_FLUSH: every acknowledged send has been flushed, so flush latency has observations and nothing is behind.
      broker = await startInProcessBroker({ overrides: { brokerClusterName: NODE.cluster, flushDiskType: 'SYNC_FLUSH' } });
      producer = await TestRemotingConnection.open(broker.remotingPort);
      consumer = await TestRemotingConnection.open(broker.remotingPort);
      for (let i = 0; i < SINGLES; i++) expect((await sendSingle(0)).code).toBe(ResponseCode.SUCCESS);
      expect((await sendBatch(1)).code).toBe(ResponseCode.SUCCESS);
      // SUSPEND: a pull that beats the consume-queue dispatch is held until the messages are there.
      const pulled = [await pull(0, SUSPEND), await pull(1, SUSPEND)];
      expect(pulled.map((reply) => reply.code)).toEqual([ResponseCode.SUCCESS, ResponseCode.SUCCESS]);
      // Queue 2 is empty: this pull is held until the broker stops.
      heldPull = pull(2, SUSPEND);
      await waitFor(() => broker.app.get(PullRequestHoldService).size === 1, { timeoutMs: 5000, reason: 'pull parked' });
      const commit = UpdateConsumerOffsetRequestHeader.encode({ consumerGroup: GROUP, topic: TOPIC, queueId: 0, commitOffset: 2 });
      expect((await consumer.request(createRequest(RequestCode.UPDATE_CONSUMER_OFFSET, { extFields: commit }))).code).toBe(
        ResponseCode.SUCCESS,
      );
      samples = await scrape();
    });

    afterAll(async () => {
      await producer.close();
      await consumer.close();
      await heldPull.catch(() => undefined);
      await broker.stop();
    });

    it('counts messages and body bytes in by topic, and each message size', () => {
      const labels = { topic: TOPIC, ...NODE };
      expect(only(samples, 'rocketmq_messages_in_total', labels)).toBe(SINGLES + BATCH_BODIES.length);
      expect(only(samples, 'rocketmq_throughput_in_bytes_total', labels)).toBe(STORED_BODY_BYTES);
      expect(only(samples, 'rocketmq_message_size_bytes_count', labels)).toBe(SINGLES + BATCH_BODIES.length);
      expect(only(samples, 'rocketmq_message_size_bytes_sum', labels)).toBe(STORED_BODY_BYTES);
      expect(only(samples, 'rocketmq_message_size_bytes_bucket', { ...labels, le: '1024' })).toBe(SINGLES + BATCH_BODIES.length);
    });

    it('counts messages and body bytes out by topic and consumer group', () => {
      const labels = { topic: TOPIC, consumer_group: GROUP, ...NODE };
      expect(only(samples, 'rocketmq_messages_out_total', labels)).toBe(SINGLES + BATCH_BODIES.length);
      expect(only(samples, 'rocketmq_throughput_out_bytes_total', labels)).toBe(STORED_BODY_BYTES);
    });

    it('times each send request and each answered pull, the held one excluded', () => {
      expect(only(samples, 'rocketmq_send_latency_milliseconds_count', NODE)).toBe(SINGLES + 1);
      expect(only(samples, 'rocketmq_send_latency_milliseconds_sum', NODE)).toBeGreaterThan(0);
      expect(only(samples, 'rocketmq_pull_latency_milliseconds_count', NODE)).toBe(2);
      expect(
        only(samples, 'rocketmq_remoting_requests_total', { code: String(RequestCode.SEND_MESSAGE), response_code: '0', ...NODE }),
      ).toBe(SINGLES);
    });

    it('times commit-log flushes and reads flush and dispatch backlogs at zero once all is acknowledged', () => {
      expect(only(samples, 'rocketmq_storage_flush_latency_milliseconds_count', NODE)).toBeGreaterThan(0);
      expect(only(samples, 'rocketmq_storage_flush_behind_bytes', NODE)).toBe(0);
      expect(only(samples, 'rocketmq_storage_dispatch_behind_bytes', NODE)).toBe(0);
    });

    it('reads disk usage and the bytes of each store part', () => {
      const ratio = only(samples, 'rocketmq_storage_disk_usage_ratio', NODE);
      expect(ratio).toBeGreaterThan(0);
      expect(ratio).toBeLessThan(1);
      expect(only(samples, 'rocketmq_storage_size_bytes', { storage_type: 'commitlog', ...NODE })).toBeGreaterThanOrEqual(
        STORED_BODY_BYTES,
      );
      expect(only(samples, 'rocketmq_storage_size_bytes', { storage_type: 'consumequeue', ...NODE })).toBeGreaterThan(0);
      expect(samplesOf(samples, 'rocketmq_storage_size_bytes', { storage_type: 'index', ...NODE })).toHaveLength(1);
    });

    it('reads long-poll holds, open connections and consumer lag from the broker state', () => {
      expect(only(samples, 'rocketmq_long_polling_held_requests', NODE)).toBe(1);
      expect(only(samples, 'rocketmq_broker_connections', NODE)).toBe(2);
      expect(only(samples, 'rocketmq_consumer_lag_messages', { consumer_group: GROUP, topic: TOPIC, ...NODE })).toBe(SINGLES - 2);
      expect(only(samples, 'rocketmq_broker_topics', NODE)).toBeGreaterThan(1);
    });

    it('counts a connection that never sent a request, until it closes', async () => {
      const silent = connect(broker.remotingPort, '127.0.0.1');
      try {
        await waitFor(async () => only(await scrape(), 'rocketmq_broker_connections', NODE) === 3, {
          timeoutMs: 5000,
          reason: 'silent connection counted',
        });
      } finally {
        silent.destroy();
      }
      await waitFor(async () => only(await scrape(), 'rocketmq_broker_connections', NODE) === 2, {
        timeoutMs: 5000,
        reason: 'closed connection dropped',
      });
    });

    it('has no replication series on a broker without HA peers, and every series carries the node labels', () => {
      expect(samplesOf(samples, 'rocketmq_ha_replication_lag_bytes')).toEqual([]);
      expect(samplesOf(samples, 'rocketmq_ha_replication_lag_milliseconds')).toEqual([]);
      expect(samples.filter((sample) => sample.labels['node_id'] !== NODE.node_id || sample.labels['cluster'] !== NODE.cluster)).toEqual(
        [],
      );
    });
  });

  describe('with enableMetrics=false', () => {
    beforeAll(async () => {
      broker = await startInProcessBroker({ overrides: { enableMetrics: false } });
      producer = await TestRemotingConnection.open(broker.remotingPort);
      consumer = await TestRemotingConnection.open(broker.remotingPort);
    });

    afterAll(async () => {
      await producer.close();
      await consumer.close();
      await broker.stop();
    });

    it('records nothing on the send and pull paths, and still serves the scrape-time gauges', async () => {
      expect((await sendSingle(0)).code).toBe(ResponseCode.SUCCESS);
      expect((await pull(0, SUSPEND)).code).toBe(ResponseCode.SUCCESS);
      const names = new Set((await scrape()).map((sample) => sample.name));
      for (const name of [
        'rocketmq_messages_in_total',
        'rocketmq_messages_out_total',
        'rocketmq_send_latency_milliseconds_count',
        'rocketmq_pull_latency_milliseconds_count',
        'rocketmq_remoting_requests_total',
        'rocketmq_broker_connections',
      ]) {
        expect(names.has(name), name).toBe(false);
      }
      for (const name of [
        'rocketmq_broker_topics',
        'rocketmq_storage_size_bytes',
        'rocketmq_storage_dispatch_behind_bytes',
        'rocketmq_long_polling_held_requests',
      ])
        expect(names.has(name), name).toBe(true);
    });
  });

  it('subscribes to the store flush channel while the app runs, and leaves it when the app closes', async () => {
    const started = await startInProcessBroker();
    expect(commitLogFlushChannel.hasSubscribers).toBe(true);
    await started.stop();
    expect(commitLogFlushChannel.hasSubscribers).toBe(false);
  });
});
