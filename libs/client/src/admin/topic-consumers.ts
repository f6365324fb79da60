import { GroupList, RequestCode, TopicOnlyRequestHeader } from '@rocketmq-ts/protocol';

import { type AdminTransport, successBody } from './admin-transport';
import { routeBrokers, topicRoute } from './topic-queries';

/**
 * QUERY_TOPIC_CONSUME_BY_WHO (300) on every broker of the topic's route: the groups that
 * subscribe to it or hold offsets for it, merged and sorted. NoRouteError for an unknown topic.
 */
export async function topicConsumerGroups(transport: AdminTransport, topic: string): Promise<string[]> {
  const groups = new Set<string>();
  const extFields = TopicOnlyRequestHeader.encode({ topic });
  for (const { addr } of routeBrokers(await topicRoute(transport, topic))) {
    const response = await transport.broker(addr, { code: RequestCode.QUERY_TOPIC_CONSUME_BY_WHO, extFields });
    for (const group of GroupList.decode(successBody(addr, response)).groupList) groups.add(group);
  }
  return [...groups].sort();
}
