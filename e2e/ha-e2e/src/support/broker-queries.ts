import { PermName } from '@rocketmq-ts/model';
import {
  CreateTopicRequestHeader,
  createRequest,
  GetRouteInfoRequestHeader,
  GetTopicStatsInfoRequestHeader,
  KVTable,
  QueryConsumerOffsetRequestHeader,
  RequestCode,
  ResponseCode,
  TopicRouteData,
  TopicStatsTable,
} from '@rocketmq-ts/protocol';
import { portOf, remotingRequest, waitFor } from '@rocketmq-ts/testing';

// Plain requests over the bare test connection, so that what the suite checks (what a broker
// stored, what a name server routes) does not go through the client code under test.

async function bodyOf(address: string, code: number, options: Parameters<typeof createRequest>[1], what: string): Promise<Buffer> {
  const response = await remotingRequest(portOf(address), createRequest(code, options), { timeoutMs: 5_000 });
  if (response.code !== ResponseCode.SUCCESS || response.body === undefined)
    throw new Error(`${what} from ${address}: code ${response.code} ${response.remark ?? ''}`);
  return response.body;
}

/** UPDATE_AND_CREATE_TOPIC on each master, then waits until the name server routes it to all of them. */
export async function createTopic(
  namesrvAddr: string,
  masters: readonly { address: string; brokerName: string }[],
  topic: string,
  queueNums: number,
): Promise<void> {
  const extFields = CreateTopicRequestHeader.encode({
    topic,
    defaultTopic: 'TBW102',
    readQueueNums: queueNums,
    writeQueueNums: queueNums,
    perm: PermName.PERM_READ | PermName.PERM_WRITE,
    topicFilterType: 'SINGLE_TAG',
    order: false,
  });
  for (const master of masters) {
    const response = await remotingRequest(portOf(master.address), createRequest(RequestCode.UPDATE_AND_CREATE_TOPIC, { extFields }));
    if (response.code !== ResponseCode.SUCCESS)
      throw new Error(`create topic ${topic} on ${master.address}: code ${response.code} ${response.remark ?? ''}`);
  }
  await waitFor(
    async () => {
      const route = await routeOf(namesrvAddr, topic);
      return masters.every((master) => route?.queueDatas.some((queue) => queue.brokerName === master.brokerName) === true);
    },
    { timeoutMs: 60_000, intervalMs: 200, reason: `route of ${topic} names every master` },
  );
}

export async function routeOf(namesrvAddr: string, topic: string): Promise<TopicRouteData | undefined> {
  const response = await remotingRequest(
    portOf(namesrvAddr),
    createRequest(RequestCode.GET_ROUTEINFO_BY_TOPIC, { extFields: GetRouteInfoRequestHeader.encode({ topic }) }),
  );
  return response.code === ResponseCode.SUCCESS && response.body !== undefined ? TopicRouteData.decode(response.body) : undefined;
}

/** GET_TOPIC_STATS_INFO: the max offset (next free slot) of every queue of `topic` on one broker, by queue id. */
export async function queueMaxOffsets(address: string, topic: string): Promise<Map<number, number>> {
  const body = await bodyOf(
    address,
    RequestCode.GET_TOPIC_STATS_INFO,
    { extFields: GetTopicStatsInfoRequestHeader.encode({ topic }) },
    `stats of ${topic}`,
  );
  return new Map(TopicStatsTable.decode(body).offsetTable.map(([queue, offset]) => [queue.queueId, offset.maxOffset]));
}

/** GET_BROKER_RUNTIME_INFO: the broker's commit-log max offset (bytes written). */
export async function commitLogMaxOffset(address: string): Promise<number> {
  const body = await bodyOf(address, RequestCode.GET_BROKER_RUNTIME_INFO, {}, 'runtime info');
  const value = KVTable.decode(body).table.get('commitLogMaxOffset');
  if (value === undefined) throw new Error(`runtime info of ${address} lacks commitLogMaxOffset`);
  return Number(value);
}

/** QUERY_CONSUMER_OFFSET on one broker; -1 when it stores none for the queue. */
export async function consumerOffset(address: string, group: string, topic: string, queueId: number): Promise<number> {
  const extFields = QueryConsumerOffsetRequestHeader.encode({ consumerGroup: group, topic, queueId });
  const response = await remotingRequest(portOf(address), createRequest(RequestCode.QUERY_CONSUMER_OFFSET, { extFields }), {
    timeoutMs: 5_000,
  });
  if (response.code !== ResponseCode.SUCCESS) return -1;
  return Number(response.extFields?.['offset'] ?? -1);
}

/** Waits until the slave's commit log is as long as the master's (the master is idle); returns the length. */
export async function waitForSlaveCaughtUp(masterAddr: string, slaveAddr: string, timeoutMs: number): Promise<number> {
  let target = 0;
  await waitFor(
    async () => {
      target = await commitLogMaxOffset(masterAddr);
      return (await commitLogMaxOffset(slaveAddr)) === target;
    },
    { timeoutMs, intervalMs: 200, reason: `slave ${slaveAddr} holds as many commit-log bytes as master ${masterAddr}` },
  );
  return target;
}
