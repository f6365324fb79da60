import { createOffsetMessageId, type MessageRecordView, parseMessageProperties } from '@rocketmq-ts/model';
import { pullRecords, waitFor } from '@rocketmq-ts/testing';

import type { GoTarget } from './targets';

// What a broker holds, read with plain PULL_MESSAGE requests (not through the client under test).

/** A stored message as the specs compare it with what the Go client reported. */
export interface StoredMessage {
  readonly body: string;
  readonly queueOffset: number;
  /** UNIQ_KEY property: the client's message id. */
  readonly uniqueKey: string | undefined;
  /** Store host and commit-log offset, as the broker's send response names a message. */
  readonly offsetMsgId: string;
}

function toStored(record: MessageRecordView): StoredMessage {
  return {
    body: record.body.toString('utf8'),
    queueOffset: record.queueOffset,
    uniqueKey: parseMessageProperties(record.properties).get('UNIQ_KEY'),
    offsetMsgId: createOffsetMessageId(record.storeHost, record.physicalOffset),
  };
}

/** Up to 32 messages of one queue from `offset`, on the broker at `brokerAddr` (a master or a slave). */
export async function storedMessages(brokerAddr: string, topic: string, queueId: number, offset = 0): Promise<StoredMessage[]> {
  return (await pullRecords(brokerAddr, topic, queueId, offset)).map(toStored);
}

export function masterAddr(target: GoTarget, brokerName: string | undefined): string {
  const master = target.masters.find((candidate) => candidate.brokerName === brokerName);
  if (master === undefined) throw new Error(`no master named ${String(brokerName)} in the ${target.kind} cluster`);
  return master.addr;
}

/**
 * One queue of a broker once it holds at least `count` messages from `offset`. A send is answered
 * once its bytes are appended (and flushed, and on a SYNC_MASTER's slave); the consume queue, which
 * pulls read, is written by the dispatcher a moment later, on the master as on the slave.
 */
export async function dispatchedMessages(
  brokerAddr: string,
  topic: string,
  queueId: number,
  offset: number,
  count: number,
): Promise<StoredMessage[]> {
  return waitFor(
    async () => {
      const messages = await storedMessages(brokerAddr, topic, queueId, offset);
      return messages.length >= count ? messages : false;
    },
    { timeoutMs: 15_000, intervalMs: 200, reason: `${count} message(s) of ${topic}:${queueId} from offset ${offset} on ${brokerAddr}` },
  );
}

/** Every message of `topic` on every master, after waiting until there are `expected` in all. */
export async function allStoredMessages(
  target: GoTarget,
  topic: string,
  queuesPerMaster: number,
  expected: number,
): Promise<StoredMessage[]> {
  return waitFor(
    async () => {
      const all: StoredMessage[] = [];
      for (const master of target.masters) {
        for (let queueId = 0; queueId < queuesPerMaster; queueId += 1) all.push(...(await storedMessages(master.addr, topic, queueId)));
      }
      return all.length >= expected ? all : false;
    },
    { timeoutMs: 15_000, intervalMs: 200, reason: `${expected} message(s) of ${topic} stored` },
  );
}
