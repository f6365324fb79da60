// NameServers share nothing: brokers register with each of them, clients ask any one. Two
// instances run here at once; each knows only what was registered with it, and stopping one
// leaves the other answering.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { createRequest, type RemotingCommand, RequestCode, ResponseCode } from '@rocketmq-ts/protocol';
import type { RemotingClient } from '@rocketmq-ts/remoting';

import { MASTER_A, MASTER_B, registerRequest, topicConfig } from '../testing/fake-broker';
import { type InProcessNamesrv, newClient, startInProcessNamesrv } from '../testing/in-process-namesrv';

const TIMEOUT_MS = 5000;
// Each fake broker carries two topics, as real ones do: like Java's, our NameServer refuses a
// first registration whose topic table holds exactly one topic.

describe('Namesrv > wire > several NameServers side by side', () => {
  let first: InProcessNamesrv;
  let second: InProcessNamesrv;
  let brokerA: RemotingClient;
  let brokerB: RemotingClient;
  let asker: RemotingClient;
  let firstStopped = false;

  const route = (namesrv: InProcessNamesrv, topic: string): Promise<RemotingCommand> =>
    asker.invoke(namesrv.address, createRequest(RequestCode.GET_ROUTEINFO_BY_TOPIC, { extFields: { topic } }), TIMEOUT_MS);

  beforeAll(async () => {
    [first, second] = await Promise.all([startInProcessNamesrv(), startInProcessNamesrv()]);
    [brokerA, brokerB, asker] = [newClient(), newClient(), newClient()];
  });

  afterAll(async () => {
    await Promise.all([brokerA, brokerB, asker].map((client) => client.close()));
    await Promise.all([firstStopped ? Promise.resolve() : first.stop(), second.stop()]);
  });

  it('keeps what each one was told: a broker registered with both shows in both, one registered with one only in that one', async () => {
    const shared = registerRequest(MASTER_A, { topics: [topicConfig('Shared'), topicConfig('TBW102', { perm: 7 })] });
    for (const namesrv of [first, second]) {
      expect((await brokerA.invoke(namesrv.address, shared, TIMEOUT_MS)).code).toBe(ResponseCode.SUCCESS);
    }
    const onlySecond = registerRequest(MASTER_B, { topics: [topicConfig('OnlyOnSecond'), topicConfig('TBW102', { perm: 7 })] });
    expect((await brokerB.invoke(second.address, onlySecond, TIMEOUT_MS)).code).toBe(ResponseCode.SUCCESS);

    expect((await route(first, 'Shared')).code).toBe(ResponseCode.SUCCESS);
    expect((await route(second, 'Shared')).code).toBe(ResponseCode.SUCCESS);
    expect((await route(first, 'OnlyOnSecond')).code).toBe(ResponseCode.TOPIC_NOT_EXIST);
    expect((await route(second, 'OnlyOnSecond')).body?.toString('utf8')).toContain('"brokerName":"broker-b"');
  });

  it('goes on answering from one when the other stops', async () => {
    await first.stop();
    firstStopped = true;
    await expect(route(first, 'Shared')).rejects.toThrow();
    const fromSecond = await route(second, 'Shared');
    expect(fromSecond.code).toBe(ResponseCode.SUCCESS);
    expect(fromSecond.body?.toString('utf8')).toContain('"brokerName":"broker-a"');
  });
});
