import { buildPullSysFlag, decodeMessageRecords, type MessageRecordView } from '@rocketmq-ts/model';
import { createRequest, PullMessageRequestHeader, RequestCode, ResponseCode } from '@rocketmq-ts/protocol';
import { createTopic as createRoutedTopic, portOf, remotingRequest } from '@rocketmq-ts/testing';

// Plain requests, independent of the client under test, to prepare topics and check the name server.


/** UPDATE_AND_CREATE_TOPIC on the broker, then waits until each of `cluster.namesrvs` routes the topic there. */
export function createTopic(cluster: { brokerAddr: string; brokerName: string; namesrvs: readonly { address: string }[] }, topic: string, queueNums: number): Promise<void> {
  return createRoutedTopic({ brokerAddr: cluster.brokerAddr, brokerName: cluster.brokerName, namesrvAddrs: cluster.namesrvs.map((namesrv) => namesrv.address) }, topic, queueNums);
}

/** One PULL_MESSAGE of up to 32 records from `offset`, without long polling. */
export async function pullRecords(brokerAddr: string, topic: string, queueId: number, offset: number): Promise<MessageRecordView[]> {
  const header: PullMessageRequestHeader = {
    consumerGroup: 'client_e2e_inspector', topic, queueId, queueOffset: offset, maxMsgNums: 32, commitOffset: 0, suspendTimeoutMillis: 0,
    sysFlag: buildPullSysFlag({ commitOffset: false, suspend: false, subscription: true }), subscription: '*', subVersion: 0n,
  };
  const response = await remotingRequest(portOf(brokerAddr), createRequest(RequestCode.PULL_MESSAGE, { extFields: PullMessageRequestHeader.encode(header) }));
  if (response.code !== ResponseCode.SUCCESS || response.body === undefined) return [];
  return decodeMessageRecords(response.body);
}
