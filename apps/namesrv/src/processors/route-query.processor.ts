import { Inject } from '@nestjs/common';

import { RemotingProcessor } from '@rocketmq-ts/nest-remoting';
import {
  createResponse,
  GetRouteInfoRequestHeader,
  type RemotingCommand,
  RequestCode,
  ResponseCode,
  TopicRouteData,
  usesStandardRouteJson,
} from '@rocketmq-ts/protocol';
import type { ConnectionContext, RemotingRequestHandler } from '@rocketmq-ts/remoting';

import type { NamesrvConfig } from '../config/namesrv-config.schema';
import { KvConfigManager } from '../kvconfig/kv-config-manager';
import { NAMESRV_CONFIG, NamesrvLane, ORDER_TOPIC_CONFIG_NAMESPACE } from '../namesrv.tokens';
import { RouteInfoManager } from '../routeinfo/route-info-manager';
import { toTopicRouteData } from './route-bodies';

/** Java appends this FAQ pointer to the miss remark; kept so our reply frame is byte-identical. */
const TOPIC_NOT_EXIST_SUFFIX = '\nSee https://rocketmq.apache.org/docs/bestPractice/06FAQ for further details.';

export function topicNotExistRemark(topic: string): string {
  return `No topic route info in name server for the topic: ${topic}${TOPIC_NOT_EXIST_SUFFIX}`;
}

/**
 * GET_ROUTEINFO_BY_TOPIC (105), the call every client makes every 30 s per topic.
 *
 * The reply's JSON dialect depends on the asker (docs/remoting-protocol.md#json-bodies): requesters at V4_9_4 (401) or
 * later, or sending acceptStandardJsonOnly=true, get standard JSON with quoted brokerAddrs keys;
 * everyone else (ali-ons at 121, GO at 317) gets fastjson's bare numeric keys.
 */
@RemotingProcessor({ codes: [RequestCode.GET_ROUTEINFO_BY_TOPIC], lane: NamesrvLane.ROUTE })
export class RouteQueryProcessor implements RemotingRequestHandler {
  constructor(
    private readonly routes: RouteInfoManager,
    private readonly kvConfig: KvConfigManager,
    @Inject(NAMESRV_CONFIG) private readonly config: NamesrvConfig,
  ) {}

  handle(_context: ConnectionContext, request: RemotingCommand): RemotingCommand {
    const header = GetRouteInfoRequestHeader.decode(request.extFields);
    const route = this.routes.pickupTopicRoute(header.topic);
    if (route === undefined) {
      return createResponse(request, ResponseCode.TOPIC_NOT_EXIST, { remark: topicNotExistRemark(header.topic) });
    }
    const orderTopicConf = this.config.orderMessageEnable ? this.kvConfig.get(ORDER_TOPIC_CONFIG_NAMESPACE, header.topic) : undefined;
    const standardJson = usesStandardRouteJson(request.version, header.acceptStandardJsonOnly);
    const body = TopicRouteData.encode(toTopicRouteData(route, orderTopicConf), { standardJson });
    return createResponse(request, ResponseCode.SUCCESS, { body });
  }
}
