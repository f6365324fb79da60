import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import {
  createRequest,
  decodeFrame,
  GetConsumerListByGroupResponseBody,
  HeartbeatData,
  RequestCode,
  ResponseCode,
} from '@rocketmq-ts/protocol';
import { RemotingClient } from '@rocketmq-ts/remoting';

import { type InProcessBroker, startInProcessBroker } from '../testing/in-process-broker';

// The Go client's heartbeat as it crossed the wire (libs/protocol/src/__fixtures__/captured,
// tools/fixtures/src/capture-go-heartbeat.ts), replayed to the broker: before Java longs were read
// over the full 64-bit range its 19-digit subVersion was refused and the group never registered.
const FIXTURE = join(__dirname, '..', '..', '..', '..', 'libs', 'protocol', 'src', '__fixtures__', 'captured', '34-request-go-1.hex');

describe('Broker > wire > the captured Go client heartbeat', () => {
  let broker: InProcessBroker;
  const client = new RemotingClient();

  beforeAll(async () => {
    broker = await startInProcessBroker();
  });

  afterAll(async () => {
    await client.close();
    await broker.stop();
  });

  it('registers the consumer group with its exact subscriptions', async () => {
    const captured = decodeFrame(Buffer.from(readFileSync(FIXTURE, 'utf8').replace(/\s+/g, ''), 'hex').subarray(4));
    const reply = await client.invoke(broker.address, captured, 5_000);
    expect([reply.code, reply.remark]).toEqual([ResponseCode.SUCCESS, undefined]);

    const heartbeat = HeartbeatData.decode(captured.body ?? Buffer.alloc(0));
    const list = await client.invoke(
      broker.address,
      createRequest(RequestCode.GET_CONSUMER_LIST_BY_GROUP, { extFields: { consumerGroup: 'GoCaptureGroup' } }),
      5_000,
    );
    expect(GetConsumerListByGroupResponseBody.decode(list.body ?? Buffer.alloc(0)).consumerIdList).toEqual([heartbeat.clientID]);
    const connection = await client.invoke(
      broker.address,
      createRequest(RequestCode.GET_CONSUMER_CONNECTION_LIST, { extFields: { consumerGroup: 'GoCaptureGroup' } }),
      5_000,
    );
    // Echoed digit for digit, as Java's broker does.
    for (const sub of heartbeat.consumerDataSet[0]?.subscriptionDataSet ?? [])
      expect(connection.body?.toString()).toContain(`"subVersion":${sub.subVersion},`);
  });
});
