import { RemotingProcessor } from '@rocketmq-ts/nest-remoting';
import { createResponse, PropertiesText, type RemotingCommand, RequestCode, ResponseCode, TopicList } from '@rocketmq-ts/protocol';
import type { ConnectionContext, RemotingRequestHandler } from '@rocketmq-ts/remoting';

import { NamesrvRuntimeConfig } from '../config/namesrv-runtime-config';
import { NamesrvLane } from '../namesrv.tokens';
import { RouteInfoManager } from '../routeinfo/route-info-manager';

/**
 * GET_NAMESRV_CONFIG (319), UPDATE_NAMESRV_CONFIG (318) and GET_SYSTEM_TOPIC_LIST_FROM_NS (304),
 * docs/admin.md#name-server-configuration. 304 answers as RocketMQ's name server does: every
 * cluster name and broker name (each is also a topic the brokers create for themselves), and one
 * broker address the client may ask for the broker's own system topics (305).
 */
@RemotingProcessor({
  codes: [RequestCode.GET_NAMESRV_CONFIG, RequestCode.UPDATE_NAMESRV_CONFIG, RequestCode.GET_SYSTEM_TOPIC_LIST_FROM_NS],
  lane: NamesrvLane.ADMIN,
})
export class NamesrvAdminProcessor implements RemotingRequestHandler {
  constructor(
    private readonly runtimeConfig: NamesrvRuntimeConfig,
    private readonly routes: RouteInfoManager,
  ) {}

  async handle(context: ConnectionContext, request: RemotingCommand): Promise<RemotingCommand> {
    switch (request.code) {
      case RequestCode.GET_NAMESRV_CONFIG:
        return createResponse(request, ResponseCode.SUCCESS, { body: Buffer.from(this.runtimeConfig.formatted(), 'utf8') });
      case RequestCode.UPDATE_NAMESRV_CONFIG: {
        if (request.body === undefined || request.body.length === 0) return createResponse(request, ResponseCode.SUCCESS);
        const outcome = await this.runtimeConfig.update(PropertiesText.decode(request.body));
        if (outcome.kind === 'updated') return createResponse(request, ResponseCode.SUCCESS);
        const code = outcome.kind === 'black-list' ? ResponseCode.NO_PERMISSION : ResponseCode.INVALID_PARAMETER;
        return createResponse(request, code, {
          remark: `config not updated (from ${context.remoteAddress}): ${outcome.problems.join('; ')}`,
        });
      }
      default:
        return createResponse(request, ResponseCode.SUCCESS, { body: TopicList.encode(this.systemTopics()) });
    }
  }

  private systemTopics(): TopicList {
    const { clusterAddrTable, brokerAddrTable } = this.routes.clusterInfo();
    const topics = new Set<string>();
    let brokerAddr: string | undefined;
    for (const [cluster, brokerNames] of clusterAddrTable) {
      topics.add(cluster);
      for (const brokerName of brokerNames) topics.add(brokerName);
    }
    for (const broker of brokerAddrTable.values()) brokerAddr ??= broker.brokerAddrs.values().next().value;
    return { topicList: [...topics], brokerAddr };
  }
}
