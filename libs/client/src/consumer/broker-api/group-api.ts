import type { MessageQueue } from '@rocketmq-ts/model';
import {
  CheckClientRequestBody,
  createRequest,
  GetConsumerListByGroupRequestHeader,
  GetConsumerListByGroupResponseBody,
  HeartbeatData,
  LockBatchRequestBody,
  LockBatchResponseBody,
  RequestCode,
  type SubscriptionData,
  UnlockBatchRequestBody,
  UnregisterClientRequestHeader,
} from '@rocketmq-ts/protocol';

import type { BrokerCaller } from './broker-caller';

/** HEART_BEAT (34) with this client's consumer data; the broker registers the subscriptions pulls rely on. */
export async function sendHeartbeat(caller: BrokerCaller, addr: string, data: HeartbeatData): Promise<void> {
  await caller.success(addr, createRequest(RequestCode.HEART_BEAT, { body: HeartbeatData.encode(data) }));
}

/** UNREGISTER_CLIENT (35) for one consumer group. */
export async function unregisterConsumer(caller: BrokerCaller, addr: string, clientId: string, group: string): Promise<void> {
  const extFields = UnregisterClientRequestHeader.encode({ clientID: clientId, consumerGroup: group });
  await caller.success(addr, createRequest(RequestCode.UNREGISTER_CLIENT, { extFields }));
}

/** GET_CONSUMER_LIST_BY_GROUP (38): the live members' client ids, as the broker knows them. */
export async function consumerIdList(caller: BrokerCaller, addr: string, group: string): Promise<string[]> {
  const extFields = GetConsumerListByGroupRequestHeader.encode({ consumerGroup: group });
  const response = await caller.success(addr, createRequest(RequestCode.GET_CONSUMER_LIST_BY_GROUP, { extFields }));
  return response.body === undefined ? [] : [...GetConsumerListByGroupResponseBody.decode(response.body).consumerIdList];
}

/** Which client of which group (un)locks which queues. */
export interface QueueLockArgs {
  readonly clientId: string;
  readonly group: string;
  readonly queues: readonly MessageQueue[];
}

/** LOCK_BATCH_MQ (41): the queues now locked for this client (already held ones included). */
export async function lockBatch(caller: BrokerCaller, addr: string, { clientId, group, queues }: QueueLockArgs): Promise<MessageQueue[]> {
  const body = LockBatchRequestBody.encode({ consumerGroup: group, clientId, onlyThisBroker: false, mqSet: queues });
  const response = await caller.success(addr, createRequest(RequestCode.LOCK_BATCH_MQ, { body }));
  return response.body === undefined ? [] : [...LockBatchResponseBody.decode(response.body).lockOKMQSet];
}

/** UNLOCK_BATCH_MQ (42), answered so that shutdown knows the locks are gone before it closes. */
export async function unlockBatch(caller: BrokerCaller, addr: string, { clientId, group, queues }: QueueLockArgs): Promise<void> {
  const body = UnlockBatchRequestBody.encode({ consumerGroup: group, clientId, onlyThisBroker: false, mqSet: queues });
  await caller.success(addr, createRequest(RequestCode.UNLOCK_BATCH_MQ, { body }));
}

export interface CheckClientConfigArgs {
  readonly clientId: string;
  readonly group: string;
  readonly subscriptionData: SubscriptionData;
}

/**
 * CHECK_CLIENT_CONFIG (46): can the broker serve this (SQL92) subscription? MQBrokerError with
 * SYSTEM_ERROR when its enablePropertyFilter is off, SUBSCRIPTION_PARSE_FAILED (remark: where the
 * expression is wrong) when it does not compile.
 */
export async function checkClientConfig(
  caller: BrokerCaller,
  addr: string,
  { clientId, group, subscriptionData }: CheckClientConfigArgs,
): Promise<void> {
  await caller.success(
    addr,
    createRequest(RequestCode.CHECK_CLIENT_CONFIG, { body: CheckClientRequestBody.encode({ clientId, group, subscriptionData }) }),
  );
}
