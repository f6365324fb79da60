import { createRequest, GetRouteInfoRequestHeader, RequestCode, ResponseCode, TopicRouteData } from '@rocketmq-ts/protocol';
import { portOf, remotingRequest } from '@rocketmq-ts/testing';

/** The name server's route of `topic`: brokerName → { brokerId: address }. */
export async function brokerAddrsOf(namesrvAddr: string, topic: string): Promise<Map<string, Map<number, string>>> {
  const response = await remotingRequest(
    portOf(namesrvAddr),
    createRequest(RequestCode.GET_ROUTEINFO_BY_TOPIC, { extFields: GetRouteInfoRequestHeader.encode({ topic }) }),
  );
  const groups = new Map<string, Map<number, string>>();
  if (response.code !== ResponseCode.SUCCESS || response.body === undefined) return groups;
  for (const data of TopicRouteData.decode(response.body).brokerDatas)
    groups.set(data.brokerName, new Map([...data.brokerAddrs].map(([id, addr]) => [Number(id), addr])));
  return groups;
}
