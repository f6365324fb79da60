/**
 * Consumers are held at the confirm offset (docs/controller-mode-broker.md#confirm-offset): two
 * brokers under our controller with `allAckInSyncStateSet=true`; the slave is paused with SIGSTOP,
 * then a message is sent to the master.
 *
 * What a client can observe, and what the spec checks:
 * - the put is stored but not safe: the master answers FLUSH_SLAVE_TIMEOUT after slaveTimeout;
 * - while the put waits, a pull from the master does not return it and the queue's max offset
 *   (GET_TOPIC_STATS_INFO) has not moved: it is not in the consume queue;
 * - after SIGCONT the slave acknowledges (or the shrink check drops it) and the message appears,
 *   on the master and then on the slave: it was held, not lost.
 * Apache's broker is the reference for the same scenario (RocketMQ 5 `CommitLog#getConfirmOffset`).
 */
import { encodeMessageProperties } from '@rocketmq-ts/model';
import { createRequest, RequestCode, ResponseCode, SendMessageRequestHeaderV2 } from '@rocketmq-ts/protocol';
import { RemotingClient } from '@rocketmq-ts/remoting';
import {
  allInSync,
  type BrokerKind,
  createTopic,
  pullRecords,
  type Replica,
  replicaSetView,
  servingLeader,
  startLocalNamesrv,
  startOurControllerGroup,
  startReplica,
  topicOffsets,
  waitFor,
} from '@rocketmq-ts/testing';
import { afterAll, describe, expect, it } from 'vitest';

import { useProcessHygiene } from './support/hygiene';

const TOPIC = 'ConfirmOffsetTopic';
/** Inside slaveTimeout (3 s) and well inside the shrink window (haMaxTimeSlaveNotCatchup 5 s in the e2e settings). */
const LOOK_WHILE_WAITING_MS = 1_500;

useProcessHygiene();
const client = new RemotingClient();
afterAll(() => client.close());

async function send(broker: string, body: string): Promise<{ code: number; ms: number }> {
  const extFields = SendMessageRequestHeaderV2.encodeFromV1({
    producerGroup: 'confirm_producer',
    topic: TOPIC,
    defaultTopic: 'TBW102',
    defaultTopicQueueNums: 1,
    queueId: 0,
    sysFlag: 0,
    bornTimestamp: Date.now(),
    flag: 0,
    properties: encodeMessageProperties({ KEYS: body, WAIT: 'true' }),
  });
  const startedMs = Date.now();
  const reply = await client.invoke(
    broker,
    createRequest(RequestCode.SEND_MESSAGE_V2, { extFields, body: Buffer.from(body), language: 'JAVA' }),
    15_000,
  );
  return { code: reply.code, ms: Date.now() - startedMs };
}

async function queueMax(broker: string): Promise<number> {
  return (await topicOffsets(broker, TOPIC)).get(0)?.maxOffset ?? 0;
}

async function bodiesFrom(broker: string, offset: number): Promise<string[]> {
  return (await pullRecords(broker, TOPIC, 0, offset)).map((record) => record.body.toString());
}

describe.each<BrokerKind>(['ours', 'apache'])('controller mode (%s brokers): consumers held at the confirm offset', (kind) => {
  it('a message the paused slave has not acknowledged is not pulled from the master until it is', async () => {
    const namesrv = await startLocalNamesrv({ logFile: true });
    const group = await startOurControllerGroup({ count: 1, electionTimeoutMs: 1000, scanNotActiveBrokerIntervalMs: 1000 });
    await servingLeader(group.members);
    const brokerName = `broker-confirm-${kind}`;
    const brokers: Replica[] = [];
    for (let index = 0; index < 2; index++) brokers.push(await startReplica(kind, index, namesrv.addr, brokerName, group.controllerAddr));
    const view = replicaSetView(() => group.members.map((member) => member.port), brokerName);
    const info = await allInSync(view, 2);
    const master = info.masterAddress as string;
    const slave = brokers.find((broker) => broker.addr !== master) as Replica;
    for (const broker of brokers) await createTopic({ brokerAddr: broker.addr, brokerName, namesrvAddrs: [] }, TOPIC, 1);

    expect((await send(master, 'confirmed')).code).toBe(ResponseCode.SUCCESS);
    await waitFor(async () => (await bodiesFrom(master, 0)).length === 1, {
      timeoutMs: 10_000,
      intervalMs: 100,
      reason: 'the acknowledged message is pulled from the master',
    });
    await waitFor(async () => (await queueMax(slave.addr)) === 1, {
      timeoutMs: 30_000,
      intervalMs: 200,
      reason: 'the slave dispatched it too',
    });

    // Still in the SyncStateSet right now: a slave dropped from it while the first message went
    // through (a loaded machine) would let the master answer SUCCESS alone, as Apache's does.
    await allInSync(view, 2);
    slave.signal('SIGSTOP');
    const pausedAtMs = Date.now();
    const held = send(master, 'held');
    await new Promise((resolve) => setTimeout(resolve, LOOK_WHILE_WAITING_MS));
    const maxWhileWaiting = await queueMax(master);
    const pulledWhileWaiting = await bodiesFrom(master, 1);
    const answer = await held;
    const answeredAfterPauseMs = Date.now() - pausedAtMs;

    slave.signal('SIGCONT');
    const resumedAtMs = Date.now();
    await waitFor(async () => (await bodiesFrom(master, 1)).length === 1, {
      timeoutMs: 30_000,
      intervalMs: 100,
      reason: 'the held message is pulled from the master once confirmed',
    });
    const visibleAfterResumeMs = Date.now() - resumedAtMs;
    await waitFor(async () => (await queueMax(slave.addr)) === 2, {
      timeoutMs: 30_000,
      intervalMs: 200,
      reason: 'the slave dispatches it after the master confirmed it',
    });
    console.log(
      `confirm-offset (${kind}): with the slave paused the put was answered ${answer.code} after ${answer.ms} ms (${answeredAfterPauseMs} ms after SIGSTOP); ` +
        `${LOOK_WHILE_WAITING_MS} ms into the wait the master's queue max was ${maxWhileWaiting} and a pull returned ${pulledWhileWaiting.length}; ` +
        `pulled ${visibleAfterResumeMs} ms after SIGCONT`,
    );
    expect(answer.code).toBe(ResponseCode.FLUSH_SLAVE_TIMEOUT);
    expect(maxWhileWaiting).toBe(1);
    expect(pulledWhileWaiting).toEqual([]);
    expect(await bodiesFrom(master, 0)).toEqual(['confirmed', 'held']);
  });
});
