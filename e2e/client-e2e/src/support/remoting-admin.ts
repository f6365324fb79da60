import { buildPullSysFlag, decodeMessageRecords, type MessageRecordView, PermName } from '@rocketmq-ts/model';
import { ClusterInfo, CreateTopicRequestHeader, createRequest, GetRouteInfoRequestHeader, PullMessageRequestHeader, RequestCode, ResponseCode, TopicRouteData } from '@rocketmq-ts/protocol';
import { remotingRequest, waitFor } from '@rocketmq-ts/testing';

// Plain requests, independent of the client under test, to prepare topics and check the name server.

function portOf(address: string): number {
  return Number(address.slice(address.lastIndexOf(':') + 1));
}

/** Polls GET_BROKER_CLUSTER_INFO until `brokerName` has `brokerAddr` as master (id 0). */
export async function waitForMaster(namesrvAddr: string, brokerName: string, brokerAddr: string): Promise<void> {
  await waitFor(
    async () => {
      const response = await remotingRequest(portOf(namesrvAddr), createRequest(RequestCode.GET_BROKER_CLUSTER_INFO));
      if (response.code !== ResponseCode.SUCCESS || response.body === undefined) return false;
      return ClusterInfo.decode(response.body).brokerAddrTable.get(brokerName)?.brokerAddrs.get(0) === brokerAddr;
    },
    { timeoutMs: 90_000, intervalMs: 500, reason: `${brokerName} (${brokerAddr}) registered on ${namesrvAddr}` },
  );
}

/**
 * UPDATE_AND_CREATE_TOPIC on the broker, then waits until every name server routes the topic there
 * (brokers register a new topic at once; Apache's may take up to its next registration).
 */
export async function createTopic(cluster: { brokerAddr: string; brokerName: string; namesrvs: readonly { address: string }[] }, topic: string, queueNums: number): Promise<void> {
  const extFields = CreateTopicRequestHeader.encode({
    topic,
    defaultTopic: 'TBW102',
    readQueueNums: queueNums,
    writeQueueNums: queueNums,
    perm: PermName.PERM_READ | PermName.PERM_WRITE,
    topicFilterType: 'SINGLE_TAG',
    order: false,
  });
  const response = await remotingRequest(portOf(cluster.brokerAddr), createRequest(RequestCode.UPDATE_AND_CREATE_TOPIC, { extFields }));
  if (response.code !== ResponseCode.SUCCESS) throw new Error(`create topic ${topic}: code ${response.code} ${response.remark ?? ''}`);
  for (const namesrv of cluster.namesrvs) {
    await waitFor(
      async () => {
        const route = await remotingRequest(portOf(namesrv.address), createRequest(RequestCode.GET_ROUTEINFO_BY_TOPIC, { extFields: GetRouteInfoRequestHeader.encode({ topic }) }));
        if (route.code !== ResponseCode.SUCCESS || route.body === undefined) return false;
        return TopicRouteData.decode(route.body).queueDatas.some((queue) => queue.brokerName === cluster.brokerName && queue.readQueueNums === queueNums);
      },
      { timeoutMs: 60_000, intervalMs: 250, reason: `route of ${topic} on ${namesrv.address}` },
    );
  }
}

/** One PULL_MESSAGE of up to 32 records from `offset`, without long polling. */
export async function pullRecords(brokerAddr: string, topic: string, queueId: number, offset: number): Promise<MessageRecordView[]> {
  const header: PullMessageRequestHeader = {
    consumerGroup: 'client_e2e_inspector', topic, queueId, queueOffset: offset, maxMsgNums: 32, commitOffset: 0, suspendTimeoutMillis: 0,
    sysFlag: buildPullSysFlag({ commitOffset: false, suspend: false, subscription: true }), subscription: '*', subVersion: 0,
  };
  const response = await remotingRequest(portOf(brokerAddr), createRequest(RequestCode.PULL_MESSAGE, { extFields: PullMessageRequestHeader.encode(header) }));
  if (response.code !== ResponseCode.SUCCESS || response.body === undefined) return [];
  return decodeMessageRecords(response.body);
}
