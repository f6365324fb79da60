import { Inject } from '@nestjs/common';

import { RemotingProcessor } from '@rocketmq-ts/nest-remoting';
import {
  AddWritePermOfBrokerRequestHeader,
  AddWritePermOfBrokerResponseHeader,
  ClusterInfo,
  createResponse,
  DeleteTopicFromNamesrvRequestHeader,
  GetBrokerMemberGroupRequestHeader,
  GetBrokerMemberGroupResponseBody,
  GetTopicsByClusterRequestHeader,
  type RemotingCommand,
  RequestCode,
  ResponseCode,
  TopicList,
  WipeWritePermOfBrokerRequestHeader,
  WipeWritePermOfBrokerResponseHeader,
} from '@rocketmq-ts/protocol';
import type { ConnectionContext, RemotingRequestHandler } from '@rocketmq-ts/remoting';

import type { NamesrvConfig } from '../config/namesrv-config.schema';
import { NAMESRV_CONFIG, NamesrvLane } from '../namesrv.tokens';
import { RouteInfoManager } from '../routeinfo/route-info-manager';
import { toClusterInfo } from './route-bodies';

/**
 * Cluster-wide reads and admin writes, mostly from mqadmin and the dashboard:
 * GET_BROKER_CLUSTER_INFO (106), GET_ALL_TOPIC_LIST_FROM_NAMESERVER (206), GET_TOPICS_BY_CLUSTER
 * (224), GET_BROKER_MEMBER_GROUP (901), DELETE_TOPIC_IN_NAMESRV (216), WIPE_ / ADD_WRITE_PERM_OF_BROKER
 * (205 / 327).
 */
@RemotingProcessor({
  codes: [
    RequestCode.GET_BROKER_CLUSTER_INFO,
    RequestCode.GET_ALL_TOPIC_LIST_FROM_NAMESERVER,
    RequestCode.GET_TOPICS_BY_CLUSTER,
    RequestCode.GET_BROKER_MEMBER_GROUP,
    RequestCode.DELETE_TOPIC_IN_NAMESRV,
    RequestCode.WIPE_WRITE_PERM_OF_BROKER,
    RequestCode.ADD_WRITE_PERM_OF_BROKER,
  ],
  lane: NamesrvLane.ADMIN,
})
export class ClusterInfoProcessor implements RemotingRequestHandler {
  constructor(
    private readonly routes: RouteInfoManager,
    @Inject(NAMESRV_CONFIG) private readonly config: NamesrvConfig,
  ) {}

  handle(_context: ConnectionContext, request: RemotingCommand): RemotingCommand {
    switch (request.code) {
      case RequestCode.GET_BROKER_CLUSTER_INFO:
        return createResponse(request, ResponseCode.SUCCESS, { body: ClusterInfo.encode(toClusterInfo(this.routes.clusterInfo())) });
      case RequestCode.GET_ALL_TOPIC_LIST_FROM_NAMESERVER:
        return this.topicList(request, this.config.enableAllTopicList, () => this.routes.allTopics());
      case RequestCode.GET_TOPICS_BY_CLUSTER:
        return this.topicList(request, this.config.enableTopicList, () =>
          this.routes.topicsByCluster(GetTopicsByClusterRequestHeader.decode(request.extFields).cluster),
        );
      case RequestCode.GET_BROKER_MEMBER_GROUP:
        return this.brokerMemberGroup(request);
      case RequestCode.DELETE_TOPIC_IN_NAMESRV: {
        const header = DeleteTopicFromNamesrvRequestHeader.decode(request.extFields);
        this.routes.deleteTopic(header.topic, header.clusterName);
        return createResponse(request, ResponseCode.SUCCESS);
      }
      case RequestCode.WIPE_WRITE_PERM_OF_BROKER: {
        const { brokerName } = WipeWritePermOfBrokerRequestHeader.decode(request.extFields);
        const wipeTopicCount = this.routes.wipeWritePermOfBroker(brokerName);
        return createResponse(request, ResponseCode.SUCCESS, { extFields: WipeWritePermOfBrokerResponseHeader.encode({ wipeTopicCount }) });
      }
      default: {
        const { brokerName } = AddWritePermOfBrokerRequestHeader.decode(request.extFields);
        const addTopicCount = this.routes.addWritePermOfBroker(brokerName);
        return createResponse(request, ResponseCode.SUCCESS, { extFields: AddWritePermOfBrokerResponseHeader.encode({ addTopicCount }) });
      }
    }
  }

  /** Java answers a disabled listing with SYSTEM_ERROR "disable". */
  private topicList(request: RemotingCommand, enabled: boolean, topics: () => string[]): RemotingCommand {
    if (!enabled) return createResponse(request, ResponseCode.SYSTEM_ERROR, { remark: 'disable' });
    return createResponse(request, ResponseCode.SUCCESS, { body: TopicList.encode({ topicList: topics() }) });
  }

  private brokerMemberGroup(request: RemotingCommand): RemotingCommand {
    const header = GetBrokerMemberGroupRequestHeader.decode(request.extFields);
    const group = this.routes.brokerMemberGroup(header.clusterName, header.brokerName);
    return createResponse(request, ResponseCode.SUCCESS, { body: GetBrokerMemberGroupResponseBody.encode({ brokerMemberGroup: group }) });
  }
}
