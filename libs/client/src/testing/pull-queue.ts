import { decodeMessageRecords, type MessageRecordView, parseMessageProperties, PullSysFlag } from '@rocketmq-ts/model';
import { createRequest, PullMessageRequestHeader, RequestCode, ResponseCode } from '@rocketmq-ts/protocol';
import type { RemotingClient } from '@rocketmq-ts/remoting';
import { waitFor } from '@rocketmq-ts/testing';

// Reads what a broker stored, with a bare PULL_MESSAGE, so producer specs can check what landed
// (properties, sysFlag, body bytes) without depending on the consumer implementation.

export interface PulledMessage {
  readonly record: MessageRecordView;
  readonly properties: Map<string, string>;
}

export interface PullQueueRequest {
  readonly remoting: RemotingClient;
  readonly brokerAddr: string;
  readonly topic: string;
  readonly queueId: number;
  readonly offset?: number;
  readonly maxMsgNums?: number;
}

/** Messages of one queue from `offset` on (no long polling); empty when there are none yet. */
export async function pullQueue(request: PullQueueRequest): Promise<PulledMessage[]> {
  const extFields = PullMessageRequestHeader.encode({
    consumerGroup: 'client_spec_reader',
    topic: request.topic,
    queueId: request.queueId,
    queueOffset: request.offset ?? 0,
    maxMsgNums: request.maxMsgNums ?? 32,
    sysFlag: PullSysFlag.SUBSCRIPTION,
    commitOffset: 0,
    suspendTimeoutMillis: 0,
    subscription: '*',
    subVersion: 0n,
  });
  const response = await request.remoting.invoke(request.brokerAddr, createRequest(RequestCode.PULL_MESSAGE, { extFields }), 5_000);
  if (
    response.code === ResponseCode.PULL_NOT_FOUND ||
    response.code === ResponseCode.PULL_OFFSET_MOVED ||
    response.code === ResponseCode.PULL_RETRY_IMMEDIATELY
  )
    return [];
  if (response.code !== ResponseCode.SUCCESS)
    throw new Error(`pull of ${request.topic}/${request.queueId} answered ${response.code}: ${response.remark ?? ''}`);
  return decodeMessageRecords(response.body ?? Buffer.alloc(0)).map((record) => ({
    record,
    properties: parseMessageProperties(record.properties),
  }));
}

/**
 * Pulls until `found` accepts the messages: the broker answers a send once the commit log holds
 * it, and the consume queue a pull reads is built a moment later.
 */
export async function pullQueueUntil(
  request: PullQueueRequest,
  found: (messages: readonly PulledMessage[]) => boolean,
): Promise<PulledMessage[]> {
  let messages: PulledMessage[] = [];
  await waitFor(async () => found((messages = await pullQueue(request))), {
    timeoutMs: 5_000,
    intervalMs: 20,
    reason: `messages of ${request.topic}/${request.queueId}`,
  });
  return messages;
}
