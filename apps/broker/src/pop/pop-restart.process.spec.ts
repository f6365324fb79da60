import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';

import { afterAll, describe, expect, it } from 'vitest';

import { decodeMessageRecords, encodeMessageProperties, type MessageRecordView } from '@rocketmq-ts/model';
import {
  AckMessageRequestHeader,
  createRequest,
  PopExtraInfo,
  PopMessageRequestHeader,
  PopMessageResponseHeader,
  parsePopQueueNumbers,
  popRetryFlagOf,
  RequestCode,
  ResponseCode,
  SendMessageRequestHeaderV2,
} from '@rocketmq-ts/protocol';
import { RemotingClient } from '@rocketmq-ts/remoting';
import { createTempDir, freePorts, processes, waitFor, withLogsOnFailure } from '@rocketmq-ts/testing';

const MQBROKER = resolve(__dirname, '../../../../bin/mqbroker');
const BOOT_TIMEOUT_MS = 60_000;
const TOPIC = 'PopRestartTopic';
const GROUP = 'PopRestartGroup';
const INVISIBLE_MS = 12_000;

interface PoppedMessage {
  readonly record: MessageRecordView;
  readonly handle: string;
}

// A real broker process with popped, un-acked messages is killed with SIGKILL and started again on
// the same store: every un-acked message is delivered again (from the revive log's checkpoints),
// none is lost. docs/grpc-and-pop.md#checkpoints-and-revive.
describe('Broker > pop > SIGKILL with un-acked popped messages', () => {
  const dir = createTempDir('pop-restart');
  const client = new RemotingClient();

  afterAll(async () => {
    await client.close();
    await processes.stopAll();
    dir.remove();
  });

  it('delivers every un-acked message again after the restart', async () => {
    const [listenPort, httpPort, haListenPort] = (await freePorts(3)) as [number, number, number];
    const address = `127.0.0.1:${listenPort}`;
    const confPath = dir.join('broker.conf');
    const storeDir = dir.join('store');
    writeFileSync(
      confPath,
      `brokerName=broker-pop\nbrokerIP1=127.0.0.1\nbindAddress=127.0.0.1\nlistenPort=${listenPort}\nhttpPort=${httpPort}\nhaListenPort=${haListenPort}\nstorePathRootDir=${storeDir}\nreviveInterval=200\n`,
    );
    const start = async (name: string) => {
      const broker = processes.spawn({ name, command: MQBROKER, args: ['-c', confPath] });
      await broker.waitForOutput(/boot success/, { timeoutMs: BOOT_TIMEOUT_MS, reason: `${name} boot line` });
      return broker;
    };

    const pop = async (pollTime: number): Promise<PoppedMessage[]> => {
      const header = PopMessageRequestHeader.encode({
        consumerGroup: GROUP,
        topic: TOPIC,
        queueId: -1,
        maxMsgNums: 32,
        invisibleTime: INVISIBLE_MS,
        pollTime,
        bornTime: Date.now(),
        initMode: 0,
        order: false,
      });
      const response = await client.invoke(
        address,
        createRequest(RequestCode.POP_MESSAGE, { extFields: header, language: 'JAVA' }),
        pollTime + 5000,
      );
      if (response.code !== ResponseCode.SUCCESS) return [];
      const info = PopMessageResponseHeader.decode(response.extFields);
      const starts = parsePopQueueNumbers(info.startOffsetInfo);
      return decodeMessageRecords(response.body ?? Buffer.alloc(0)).map((record) => {
        const retry = popRetryFlagOf(record.topic);
        const ckQueueOffset = starts.get(`${retry}@${record.queueId}`) ?? record.queueOffset;
        const handle = PopExtraInfo.encode({
          ckQueueOffset,
          popTime: info.popTime,
          invisibleTime: info.invisibleTime,
          reviveQid: info.reviveQid,
          retry,
          brokerName: 'broker-pop',
          queueId: record.queueId,
          queueOffset: record.queueOffset,
        });
        return { record, handle };
      });
    };
    const ack = async (message: PoppedMessage) => {
      const header = AckMessageRequestHeader.encode({
        consumerGroup: GROUP,
        topic: TOPIC,
        queueId: message.record.queueId,
        extraInfo: message.handle,
        offset: message.record.queueOffset,
      });
      const response = await client.invoke(address, createRequest(RequestCode.ACK_MESSAGE, { extFields: header, language: 'JAVA' }), 5000);
      expect(response.code).toBe(ResponseCode.SUCCESS);
    };

    let broker = await start('mqbroker-pop');
    await withLogsOnFailure(async () => {
      const bodies = Array.from({ length: 12 }, (_, i) => `m${i}`);
      for (const body of bodies) {
        const properties = encodeMessageProperties({ TAGS: 'T', UNIQ_KEY: `U${body}`, WAIT: 'true' });
        const header = {
          producerGroup: 'PG',
          topic: TOPIC,
          defaultTopic: 'TBW102',
          defaultTopicQueueNums: 4,
          queueId: bodies.indexOf(body) % 4,
          sysFlag: 0,
          bornTimestamp: Date.now(),
          flag: 0,
          properties,
        };
        const sent = await client.invoke(
          address,
          createRequest(RequestCode.SEND_MESSAGE_V2, {
            extFields: SendMessageRequestHeaderV2.encodeFromV1(header),
            body: Buffer.from(body),
            language: 'JAVA',
          }),
          5000,
        );
        expect(sent.code).toBe(ResponseCode.SUCCESS);
      }
      // The topic must be on disk before the kill (topic metadata is written as it changes).
      const topicsFile = resolve(storeDir, 'config', 'topics.json');
      await waitFor(() => existsSync(topicsFile) && readFileSync(topicsFile, 'utf8').includes(TOPIC), {
        timeoutMs: 10_000,
        reason: 'topics.json holds the topic',
      });

      const popped: PoppedMessage[] = [];
      await waitFor(
        async () => {
          popped.push(...(await pop(1000)));
          return popped.length >= bodies.length;
        },
        { timeoutMs: 20_000, reason: 'all 12 messages popped' },
      );
      const acked = popped.slice(0, 5);
      for (const message of acked) await ack(message);
      const unacked = new Set(popped.slice(5).map((m) => m.record.body.toString()));

      // Wait for the periodic offset write (5 s), so the restart resumes past the popped messages:
      // what comes back then comes from the replayed checkpoints, not from a rolled-back offset.
      const offsetsFile = resolve(storeDir, 'config', 'consumerOffset.json');
      await waitFor(() => existsSync(offsetsFile) && readFileSync(offsetsFile, 'utf8').includes(GROUP), {
        timeoutMs: 10_000,
        reason: 'consumerOffset.json holds the pop offsets',
      });

      broker.kill('SIGKILL');
      expect((await broker.exited).signal).toBe('SIGKILL');
      broker = await start('mqbroker-pop-restarted');

      const redelivered = new Map<string, number>();
      await waitFor(
        async () => {
          for (const message of await pop(1000)) {
            const body = message.record.body.toString();
            redelivered.set(body, message.record.reconsumeTimes);
            await ack(message);
          }
          return [...unacked].every((body) => redelivered.has(body));
        },
        { timeoutMs: 45_000, reason: 'every un-acked message delivered again' },
      );
      expect([...unacked].filter((body) => !redelivered.has(body))).toEqual([]);
      // They came back through the retry topic, one delivery later; the acked ones stayed acked.
      expect([...unacked].map((body) => redelivered.get(body))).toEqual([...unacked].map(() => 1));
      expect(acked.filter((message) => redelivered.has(message.record.body.toString()))).toEqual([]);
      broker.kill('SIGTERM');
      await broker.exited;
    });
  }, 120_000);
});
