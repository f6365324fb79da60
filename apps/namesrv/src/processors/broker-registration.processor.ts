import { Inject } from '@nestjs/common';

import { crc32Positive } from '@rocketmq-ts/base';
import { RemotingProcessor } from '@rocketmq-ts/nest-remoting';
import {
  BrokerHeartbeatRequestHeader,
  createResponse,
  DataVersion,
  KVTable,
  MQVersion,
  QueryDataVersionRequestHeader,
  QueryDataVersionResponseHeader,
  RegisterBrokerBody,
  RegisterBrokerRequestHeader,
  RegisterBrokerResponseHeader,
  type RemotingCommand,
  RequestCode,
  ResponseCode,
  TopicConfigSerializeWrapper,
  UnRegisterBrokerRequestHeader,
} from '@rocketmq-ts/protocol';
import type { ConnectionContext, RemotingRequestHandler } from '@rocketmq-ts/remoting';

import type { NamesrvConfig } from '../config/namesrv-config.schema';
import { KvConfigManager } from '../kvconfig/kv-config-manager';
import { RouteInfoManager } from '../routeinfo/route-info-manager';
import type { TopicQueueSettings } from '../routeinfo/route-info-types';
import { NAMESRV_CONFIG, NamesrvLane, ORDER_TOPIC_CONFIG_NAMESPACE } from '../namesrv.tokens';

const EMPTY_DATA_VERSION: DataVersion = DataVersion.ZERO;

/**
 * Broker → namesrv traffic: REGISTER_BROKER (103) every 30 s, UNREGISTER_BROKER (104) at broker
 * shutdown, QUERY_DATA_VERSION (322) to skip unchanged registers, BROKER_HEARTBEAT (904) in
 * acting-master mode. A broker is dropped the moment the connection it registered over closes.
 */
@RemotingProcessor({
  codes: [RequestCode.REGISTER_BROKER, RequestCode.UNREGISTER_BROKER, RequestCode.QUERY_DATA_VERSION, RequestCode.BROKER_HEARTBEAT],
  lane: NamesrvLane.BROKER,
})
export class BrokerRegistrationProcessor implements RemotingRequestHandler {
  /** Connections we already watch for close, so a re-register every 30 s adds no listener. */
  private readonly watchedConnections = new Set<number>();

  constructor(
    private readonly routes: RouteInfoManager,
    private readonly kvConfig: KvConfigManager,
    @Inject(NAMESRV_CONFIG) private readonly config: NamesrvConfig,
  ) {}

  handle(context: ConnectionContext, request: RemotingCommand): RemotingCommand {
    switch (request.code) {
      case RequestCode.REGISTER_BROKER:
        return this.registerBroker(context, request);
      case RequestCode.UNREGISTER_BROKER:
        return this.unregisterBroker(request);
      case RequestCode.QUERY_DATA_VERSION:
        return this.queryDataVersion(request);
      default:
        return this.brokerHeartbeat(request);
    }
  }

  private registerBroker(context: ConnectionContext, request: RemotingCommand): RemotingCommand {
    const header = RegisterBrokerRequestHeader.decode(request.extFields);
    const body = request.body ?? Buffer.alloc(0);
    if (header.bodyCrc32 !== 0 && crc32Positive(body) !== header.bodyCrc32) {
      return createResponse(request, ResponseCode.SYSTEM_ERROR, { remark: 'crc32 not match' });
    }
    const wrapper = decodeTopicConfigs(request, body, header.compressed);
    const outcome = this.routes.registerBroker({
      clusterName: header.clusterName,
      brokerAddr: header.brokerAddr,
      brokerName: header.brokerName,
      brokerId: header.brokerId,
      haServerAddr: header.haServerAddr,
      heartbeatTimeoutMs: header.heartbeatTimeoutMillis,
      enableActingMaster: header.enableActingMaster,
      dataVersion: wrapper.dataVersion,
      topicConfigTable: queueSettings(wrapper),
      connectionId: context.id,
    });
    if (outcome.kind === 'refused') return createResponse(request, ResponseCode.SYSTEM_ERROR, { remark: 'register broker failed' });
    this.watchConnection(context);
    if (outcome.kind === 'stale') return createResponse(request, ResponseCode.SUCCESS);
    const extFields = RegisterBrokerResponseHeader.encode({ masterAddr: outcome.masterAddr, haServerAddr: outcome.haServerAddr });
    const orderTopics = this.config.returnOrderTopicConfigToBroker ? this.kvConfig.list(ORDER_TOPIC_CONFIG_NAMESPACE) : undefined;
    return createResponse(request, ResponseCode.SUCCESS, { extFields, body: orderTopics && KVTable.encode({ table: orderTopics }) });
  }

  private unregisterBroker(request: RemotingCommand): RemotingCommand {
    const header = UnRegisterBrokerRequestHeader.decode(request.extFields);
    this.routes.unregisterBroker(header);
    return createResponse(request, ResponseCode.SUCCESS);
  }

  private queryDataVersion(request: RemotingCommand): RemotingCommand {
    const header = QueryDataVersionRequestHeader.decode(request.extFields);
    const brokerVersion = request.body && request.body.length > 0 ? DataVersion.decode(request.body) : EMPTY_DATA_VERSION;
    const changed = this.routes.isBrokerTopicConfigChanged(header.clusterName, header.brokerAddr, brokerVersion);
    this.routes.touchBroker(header.clusterName, header.brokerAddr);
    const ours = this.routes.brokerDataVersion(header.clusterName, header.brokerAddr);
    return createResponse(request, ResponseCode.SUCCESS, {
      extFields: QueryDataVersionResponseHeader.encode({ changed }),
      body: ours && DataVersion.encode(ours),
    });
  }

  private brokerHeartbeat(request: RemotingCommand): RemotingCommand {
    const header = BrokerHeartbeatRequestHeader.decode(request.extFields);
    this.routes.touchBroker(header.clusterName, header.brokerAddr);
    return createResponse(request, ResponseCode.SUCCESS);
  }

  private watchConnection(context: ConnectionContext): void {
    if (this.watchedConnections.has(context.id)) return;
    this.watchedConnections.add(context.id);
    context.onClose(() => {
      this.watchedConnections.delete(context.id);
      this.routes.onConnectionClosed(context.id);
    });
  }
}

/** Brokers older than V3_0_11 send a bare TopicConfigSerializeWrapper instead of a RegisterBrokerBody. */
function decodeTopicConfigs(request: RemotingCommand, body: Buffer, compressed: boolean): TopicConfigSerializeWrapper {
  if (body.length === 0) return { topicConfigTable: new Map(), dataVersion: EMPTY_DATA_VERSION };
  if (request.version < MQVersion.V3_0_11) return TopicConfigSerializeWrapper.decode(body);
  return RegisterBrokerBody.decode(body, compressed).topicConfigSerializeWrapper;
}

function queueSettings(wrapper: TopicConfigSerializeWrapper): Map<string, TopicQueueSettings> {
  const settings = new Map<string, TopicQueueSettings>();
  for (const [topic, config] of wrapper.topicConfigTable) {
    settings.set(topic, {
      readQueueNums: config.readQueueNums,
      writeQueueNums: config.writeQueueNums,
      perm: config.perm,
      topicSysFlag: config.topicSysFlag,
    });
  }
  return settings;
}
