import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { createRequest, RequestCode } from '@rocketmq-ts/protocol';
import type { RemotingClient } from '@rocketmq-ts/remoting';

import { MASTER_A, registerRequest, topicConfig } from '../testing/fake-broker';
import { type InProcessNamesrv, newClient, startInProcessNamesrv } from '../testing/in-process-namesrv';

describe('Namesrv > wire > HTTP health and metrics', () => {
  let namesrv: InProcessNamesrv;
  let broker: RemotingClient;

  beforeAll(async () => {
    namesrv = await startInProcessNamesrv();
    broker = newClient();
    await broker.invoke(namesrv.address, registerRequest(MASTER_A, { topics: [topicConfig('TopicA'), topicConfig('TopicB')] }), 5000);
    await broker.invoke(namesrv.address, createRequest(RequestCode.GET_ROUTEINFO_BY_TOPIC, { extFields: { topic: 'Missing' } }), 5000);
  });

  afterAll(async () => {
    await broker.close();
    await namesrv.stop();
  });

  it('answers GET /health with 200 and a JSON status', async () => {
    const response = await fetch(`${namesrv.httpBaseUrl}/health`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    expect(await response.json()).toEqual({ status: 'UP', remotingPort: namesrv.remotingPort, brokers: 1, topics: 2, uptimeSeconds: 0 });
  });

  it('exports route-table gauges, request counts by code and latency, and process metrics, all with the node labels', async () => {
    const response = await fetch(`${namesrv.httpBaseUrl}/metrics`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/plain;.*version=0\.0\.4/);
    const text = await response.text();
    // node_id comes from the configured address (port 0 here: the spec binds an ephemeral port).
    const node = `node_type="namesrv",node_id="127.0.0.1:${namesrv.config.listenPort}"`;
    expect(text).toContain(`rocketmq_namesrv_brokers_registered{${node}} 1\n`);
    expect(text).toContain(`rocketmq_namesrv_topics{${node}} 2\n`);
    expect(text).toContain(`rocketmq_remoting_requests_total{code="103",response_code="0",${node}} 1\n`);
    expect(text).toContain(`rocketmq_remoting_requests_total{code="105",response_code="17",${node}} 1\n`);
    expect(text).toContain(`rocketmq_remoting_request_latency_milliseconds_count{${node},code="105"} 1\n`);
    expect(text).toMatch(/^process_cpu_user_seconds_total\{node_type="namesrv",/m);
    expect(text).toMatch(/^nodejs_eventloop_lag_seconds\{node_type="namesrv",/m);
  });
});
