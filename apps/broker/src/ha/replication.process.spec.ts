import { connect } from 'node:net';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { createRequest, RequestCode, ResponseCode, TopicRouteData } from '@rocketmq-ts/protocol';
import { RemotingClient } from '@rocketmq-ts/remoting';
import { commitOffset, createTopic, type LocalNamesrv, waitFor, withLogsOnFailure } from '@rocketmq-ts/testing';

import {
  type BrokerGroupUnderTest,
  createBrokerGroup,
  GroupMember,
  pullAll,
  pullOnce,
  sendV2,
  SLAVE_REPORTED,
  waitForLines,
} from './testing/ha-group';

// A SYNC_MASTER and its SLAVE as real bin/mqbroker processes with a real name server: the slave
// learns its master from the register reply, copies the commit log, serves pulls of what it got,
// refuses sends, copies metadata; the master acks only what the slave has, and says so when it
// has no slave or the slave stalls. A peer sending garbage to the HA port is dropped and logged.
const TOPIC = 'HaTopic';

const GROUP = 'HaGroup';

describe('Broker > HA > master and slave processes', () => {
  const client = new RemotingClient();
  let group: BrokerGroupUnderTest | undefined;
  let namesrv: LocalNamesrv;
  let master: GroupMember;
  let slave: GroupMember;

  beforeAll(async () => {
    group = await createBrokerGroup('ha', 'broker-ha', {
      master: { slaveTimeout: '1500', slaveReadEnable: 'true' },
      slave: { slaveReadEnable: 'true', slaveSynchronizeIntervalMillis: '500' },
    });
    ({ namesrv, master, slave } = group);
    await master.start();
    await createTopic({ brokerAddr: master.addr, brokerName: 'broker-ha', namesrvAddrs: [namesrv.addr] }, TOPIC, 1);
  }, 120_000);

  afterAll(async () => {
    await client.close();
    await group?.remove();
  });

  it('SYNC_MASTER without a slave stores the message and answers SLAVE_NOT_AVAILABLE', async () => {
    const response = await sendV2(client, master.addr, TOPIC, 'before-slave');
    expect(response.code).toBe(ResponseCode.SLAVE_NOT_AVAILABLE);
    expect(response.extFields?.['msgId']).toMatch(/^[0-9A-F]{32}$/);
  });

  it('a slave started later copies everything, and each later send is acked once the slave has it', async () => {
    await withLogsOnFailure(async () => {
      await slave.start();
      await slave.running.waitForOutput(/HA connected to the master/, {
        timeoutMs: 30_000,
        reason: 'slave connects to the HA port it got from the name server',
      });
      await waitForLines(master, SLAVE_REPORTED, 1);
      const sent = Array.from({ length: 20 }, (_, index) => `m-${index}`);
      for (const body of sent) expect((await sendV2(client, master.addr, TOPIC, body)).code).toBe(ResponseCode.SUCCESS);
      const expected = ['before-slave', ...sent];
      await waitFor(async () => ((await pullAll(client, slave.addr, GROUP, TOPIC)).length === expected.length ? true : undefined), {
        timeoutMs: 10_000,
        reason: 'slave consume queue rebuilt',
      });
      expect(await pullAll(client, slave.addr, GROUP, TOPIC)).toEqual(expected);
      expect(await pullAll(client, master.addr, GROUP, TOPIC)).toEqual(expected);
    });
  }, 120_000);

  it('suggests the master to readers of a live master, from the master and from the slave', async () => {
    expect((await pullOnce(client, master.addr, GROUP, TOPIC, 0)).suggestWhichBrokerId).toBe(0);
    expect((await pullOnce(client, slave.addr, GROUP, TOPIC, 0)).suggestWhichBrokerId).toBe(0);
  });

  it('the route lists the slave as brokerId 1 beside the master', async () => {
    await waitFor(
      async () => {
        const response = await client.invoke(
          namesrv.addr,
          createRequest(RequestCode.GET_ROUTEINFO_BY_TOPIC, { extFields: { topic: TOPIC } }),
          5_000,
        );
        const route = TopicRouteData.decode(response.body ?? Buffer.alloc(0));
        const addrs = route.brokerDatas.find((broker) => broker.brokerName === 'broker-ha')?.brokerAddrs;
        return addrs?.get(0) === master.addr && addrs.get(1) === slave.addr ? true : undefined;
      },
      { timeoutMs: 10_000, reason: 'route with master and slave' },
    );
  });

  it('a slave refuses sends with SERVICE_NOT_AVAILABLE', async () => {
    const response = await sendV2(client, slave.addr, TOPIC, 'to-slave');
    expect(response.code).toBe(ResponseCode.SERVICE_NOT_AVAILABLE);
    expect(response.remark).toMatch(/slave/);
  });

  it('a slave copies topics and consumer offsets from its master', async () => {
    await createTopic({ brokerAddr: master.addr, brokerName: 'broker-ha', namesrvAddrs: [namesrv.addr] }, 'HaTopicLater', 2);
    await commitOffset(master.addr, GROUP, TOPIC, 0, 7);
    await waitFor(
      async () => {
        const topics = await client.invoke(slave.addr, createRequest(RequestCode.GET_ALL_TOPIC_CONFIG), 5_000);
        const offset = await client.invoke(
          slave.addr,
          createRequest(RequestCode.QUERY_CONSUMER_OFFSET, { extFields: { consumerGroup: GROUP, topic: TOPIC, queueId: '0' } }),
          5_000,
        );
        return topics.body?.toString('utf8').includes('"HaTopicLater"') && offset.extFields?.['offset'] === '7' ? true : undefined;
      },
      { timeoutMs: 15_000, reason: 'slave metadata sync' },
    );
  });

  it('drops a peer sending garbage to the HA port with a logged reason and keeps serving the slave', async () => {
    const before = master.countLines(/HA connection closed: .*is not a commit-log offset/);
    const peer = connect({ host: '127.0.0.1', port: master.haPort });
    await new Promise<void>((resolve) => peer.once('connect', () => resolve()));
    peer.write(Buffer.alloc(8, 0xff));
    await new Promise<void>((resolve) => peer.once('close', () => resolve()));
    await waitFor(() => (master.countLines(/HA connection closed: .*is not a commit-log offset/) > before ? true : undefined), {
      timeoutMs: 5_000,
      reason: 'logged reason',
    });
    expect((await sendV2(client, master.addr, TOPIC, 'after-garbage')).code).toBe(ResponseCode.SUCCESS);
  });

  it('answers FLUSH_SLAVE_TIMEOUT after slaveTimeout while the slave is stopped, and acks again once it resumes', async () => {
    const slaveProcess = slave.running;
    slaveProcess.kill('SIGSTOP');
    try {
      const started = Date.now();
      const response = await sendV2(client, master.addr, TOPIC, 'while-stopped');
      expect(response.code).toBe(ResponseCode.FLUSH_SLAVE_TIMEOUT);
      expect(Date.now() - started).toBeGreaterThanOrEqual(1_400);
    } finally {
      slaveProcess.kill('SIGCONT');
    }
    expect((await sendV2(client, master.addr, TOPIC, 'after-resume')).code).toBe(ResponseCode.SUCCESS);
    const onSlave = await waitFor(
      async () => {
        const bodies = await pullAll(client, slave.addr, GROUP, TOPIC);
        return bodies.at(-1) === 'after-resume' ? bodies : undefined;
      },
      { timeoutMs: 10_000, reason: 'slave has the resumed sends' },
    );
    expect(onSlave.slice(-3)).toEqual(['after-garbage', 'while-stopped', 'after-resume']);
  }, 60_000);

  it('a slave SIGKILLed during sends resumes from its own max offset: same bytes as the master, no gap, no duplicate', async () => {
    await withLogsOnFailure(async () => {
      const sending = (async () => {
        const codes: number[] = [];
        for (let index = 0; index < 30; index++) codes.push((await sendV2(client, master.addr, TOPIC, `during-kill-${index}`)).code);
        return codes;
      })();
      await new Promise((resolve) => setTimeout(resolve, 50));
      slave.running.kill('SIGKILL');
      await slave.running.exited;
      const codes = await sending;
      // Stored either way; a put waiting for the killed slave times out instead of being acked.
      const stored = new Set<number>([ResponseCode.SUCCESS, ResponseCode.SLAVE_NOT_AVAILABLE, ResponseCode.FLUSH_SLAVE_TIMEOUT]);
      expect(codes.filter((code) => !stored.has(code))).toEqual([]);
      const reportsBefore = master.countLines(SLAVE_REPORTED);
      await slave.start();
      await waitForLines(master, SLAVE_REPORTED, reportsBefore + 1);
      expect((await sendV2(client, master.addr, TOPIC, 'after-slave-restart')).code).toBe(ResponseCode.SUCCESS);
      const onMaster = await pullAll(client, master.addr, GROUP, TOPIC);
      const onSlave = await waitFor(
        async () => {
          const bodies = await pullAll(client, slave.addr, GROUP, TOPIC);
          return bodies.length >= onMaster.length ? bodies : undefined;
        },
        { timeoutMs: 15_000, reason: 'restarted slave caught up' },
      );
      expect(onSlave).toEqual(onMaster);
    });
  }, 120_000);

  it('stops both with SIGTERM, exit code 0', async () => {
    for (const member of [slave, master]) {
      member.running.kill('SIGTERM');
      expect(await member.running.exited).toEqual({ code: 0, signal: null });
    }
  }, 60_000);
});
