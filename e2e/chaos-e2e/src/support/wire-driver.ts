import { buildPullSysFlag, decodeMessageRecords, encodeMessageProperties } from '@rocketmq-ts/model';
import {
  CreateTopicRequestHeader,
  createRequest,
  PullMessageRequestHeader,
  PullMessageResponseHeader,
  type RemotingCommand,
  RequestCode,
  ResponseCode,
  SendMessageRequestHeaderV2,
} from '@rocketmq-ts/protocol';
import { RemotingClient } from '@rocketmq-ts/remoting';

// The smallest client these tests need (there is no TS client SDK yet): SEND_MESSAGE_V2 to a
// fixed queue, and PULL_MESSAGE from offset 0 to the end of a queue. No retries anywhere: a retry
// would blur "acknowledged" and "present".

const REQUEST_TIMEOUT_MS = 3_000;
const PRODUCER_GROUP = 'chaos_producer';
const CONSUMER_GROUP = 'chaos_reader';
/** Body bytes per message: enough that a few tens of thousands of sends roll small segments. */
const BODY_BYTES = 384;

export async function createTopic(client: RemotingClient, broker: string, topic: string, queues: number): Promise<void> {
  const extFields = CreateTopicRequestHeader.encode({
    topic,
    defaultTopic: 'TBW102',
    readQueueNums: queues,
    writeQueueNums: queues,
    perm: 6,
    topicFilterType: 'SINGLE_TAG',
    order: false,
  });
  const response = await client.invoke(broker, createRequest(RequestCode.UPDATE_AND_CREATE_TOPIC, { extFields }), REQUEST_TIMEOUT_MS);
  if (response.code !== ResponseCode.SUCCESS)
    throw new Error(`UPDATE_AND_CREATE_TOPIC ${topic}: code ${response.code} ${response.remark ?? ''}`);
}

/** The body carries the id in front (parsed back by `idOfBody`), padded to a fixed size. */
export function bodyOf(id: number): Buffer {
  const head = `chaos-id=${id};`;
  return Buffer.from(head.padEnd(BODY_BYTES, '.'));
}

/** The id a body sent by `bodyOf` carries, or undefined for anything else. */
export function idOfBody(body: Buffer): number | undefined {
  const match = /^chaos-id=(\d+);/.exec(body.subarray(0, 32).toString('latin1'));
  return match?.[1] === undefined ? undefined : Number(match[1]);
}

/** One SEND_MESSAGE_V2 (WAIT=true: the answer comes after the flush in SYNC_FLUSH mode). */
export function sendMessage(client: RemotingClient, broker: string, topic: string, queueId: number, id: number): Promise<RemotingCommand> {
  const extFields = SendMessageRequestHeaderV2.encodeFromV1({
    producerGroup: PRODUCER_GROUP,
    topic,
    defaultTopic: 'TBW102',
    defaultTopicQueueNums: 4,
    queueId,
    sysFlag: 0,
    bornTimestamp: Date.now(),
    flag: 0,
    properties: encodeMessageProperties({ KEYS: `chaos-${id}`, WAIT: 'true' }),
  });
  return client.invoke(
    broker,
    createRequest(RequestCode.SEND_MESSAGE_V2, { extFields, body: bodyOf(id), language: 'JAVA' }),
    REQUEST_TIMEOUT_MS,
  );
}

export interface QueueContents {
  /** Ids found, in queue order (an id twice means a duplicate). */
  readonly ids: number[];
  /** Records whose body is not one of ours (none expected). */
  readonly foreign: number;
}

/** PULL_MESSAGE from offset 0, following nextBeginOffset, until PULL_NOT_FOUND at the queue's end. */
export async function readQueue(client: RemotingClient, broker: string, topic: string, queueId: number): Promise<QueueContents> {
  const ids: number[] = [];
  let foreign = 0;
  let offset = 0;
  let stalls = 0;
  for (;;) {
    const header: PullMessageRequestHeader = {
      consumerGroup: CONSUMER_GROUP,
      topic,
      queueId,
      queueOffset: offset,
      maxMsgNums: 32,
      commitOffset: 0,
      suspendTimeoutMillis: 0,
      sysFlag: buildPullSysFlag({ commitOffset: false, suspend: false, subscription: true }),
      subscription: '*',
      subVersion: 0n,
    };
    const response = await client.invoke(
      broker,
      createRequest(RequestCode.PULL_MESSAGE, { extFields: PullMessageRequestHeader.encode(header) }),
      REQUEST_TIMEOUT_MS,
    );
    const answer = PullMessageResponseHeader.decode(response.extFields);
    if (response.code === ResponseCode.PULL_NOT_FOUND) {
      // NOT_FOUND short of the queue's end would hide a hole in the consume queue: fail loudly.
      if (offset < answer.maxOffset)
        throw new Error(`${topic}/${queueId}: PULL_NOT_FOUND at ${offset} below maxOffset ${answer.maxOffset}`);
      return { ids, foreign };
    }
    if (response.code === ResponseCode.SUCCESS && response.body !== undefined) {
      for (const record of decodeMessageRecords(response.body)) {
        const id = idOfBody(record.body);
        if (id === undefined) foreign += 1;
        else ids.push(id);
      }
    } else if (response.code !== ResponseCode.PULL_RETRY_IMMEDIATELY) {
      throw new Error(`${topic}/${queueId}: pull at ${offset} answered code ${response.code} ${response.remark ?? ''}`);
    }
    // A pull that does not move forward is retried a few times (the broker may answer RETRY while
    // it dispatches), never forever: each round must stay bounded.
    stalls = answer.nextBeginOffset > offset ? 0 : stalls + 1;
    if (stalls > 50)
      throw new Error(`${topic}/${queueId}: pulls at ${offset} do not advance (code ${response.code}, next ${answer.nextBeginOffset})`);
    offset = Math.max(offset, answer.nextBeginOffset);
  }
}

/** Every queue of `topic`, read with one client. */
export async function readTopic(broker: string, topic: string, queues: number): Promise<QueueContents> {
  const client = new RemotingClient();
  try {
    const ids: number[] = [];
    let foreign = 0;
    for (let queueId = 0; queueId < queues; queueId += 1) {
      const contents = await readQueue(client, broker, topic, queueId);
      ids.push(...contents.ids);
      foreign += contents.foreign;
    }
    return { ids, foreign };
  } finally {
    await client.close();
  }
}
