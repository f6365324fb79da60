import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { createRequest, type RemotingCommand, RequestCode, ResponseCode } from '@rocketmq-ts/protocol';
import type { RemotingClient } from '@rocketmq-ts/remoting';

import { MASTER_A, registerRequest, topicConfig } from '../testing/fake-broker';
import { type InProcessNamesrv, newClient, startInProcessNamesrv } from '../testing/in-process-namesrv';

const TIMEOUT_MS = 5000;

// The liveness scan runs on the ManualClock's timers: no scanOnce() call and no real waiting.
describe('Namesrv > wire > broker expiry on the clock', () => {
  let namesrv: InProcessNamesrv;
  let broker: RemotingClient;
  let asker: RemotingClient;

  const routeQuery = (topic: string): Promise<RemotingCommand> =>
    asker.invoke(
      namesrv.address,
      createRequest(RequestCode.GET_ROUTEINFO_BY_TOPIC, { extFields: { topic }, version: 479, language: 'JAVA' }),
      TIMEOUT_MS,
    );

  beforeAll(async () => {
    namesrv = await startInProcessNamesrv({ scanNotActiveBrokerInterval: 5_000 }, undefined, { manualTimers: true });
    [broker, asker] = [newClient(), newClient()];
  });

  afterAll(async () => {
    await Promise.all([broker, asker].map((client) => client.close()));
    await namesrv.stop();
  });

  it('keeps a silent broker for 120 s and drops it at the first 5 s scan after that', async () => {
    const registered = await broker.invoke(
      namesrv.address,
      registerRequest(MASTER_A, { topics: [topicConfig('Expiring'), topicConfig('TBW102')] }),
      TIMEOUT_MS,
    );
    expect(registered.code).toBe(ResponseCode.SUCCESS);

    namesrv.clock.advance(120_000); // 24 scans ran; the last one saw the broker exactly 120 s silent
    expect((await routeQuery('Expiring')).code).toBe(ResponseCode.SUCCESS);

    namesrv.clock.advance(4_999);
    expect((await routeQuery('Expiring')).code).toBe(ResponseCode.SUCCESS);

    namesrv.clock.advance(1); // the scan at 125 s
    expect((await routeQuery('Expiring')).code).toBe(ResponseCode.TOPIC_NOT_EXIST);
  });
});
