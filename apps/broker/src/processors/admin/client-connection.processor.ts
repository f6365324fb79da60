import { RemotingProcessor } from '@rocketmq-ts/nest-remoting';
import {
  type ClientConnection,
  ConsumerConnection,
  createResponse,
  GetConsumerConnectionListRequestHeader,
  GetProducerConnectionListRequestHeader,
  ProducerConnection,
  type RemotingCommand,
  RequestCode,
  ResponseCode,
} from '@rocketmq-ts/protocol';
import type { ConnectionContext, RemotingRequestHandler } from '@rocketmq-ts/remoting';

import type { ClientChannel } from '../../clients/client-channel';
import { ConsumerManager } from '../../clients/consumer-manager';
import { ProducerManager } from '../../clients/producer-manager';
import { BrokerLane } from '../../broker.tokens';

/**
 * Who is connected, for `mqadmin consumerConnection` / `producerConnection` and dashboards:
 * GET_CONSUMER_CONNECTION_LIST (203) and GET_PRODUCER_CONNECTION_LIST (204), from the heartbeat
 * tables. As Java: an unknown consumer group is CONSUMER_NOT_ONLINE (206), an unknown producer
 * group SYSTEM_ERROR with "not exist".
 */
@RemotingProcessor({ codes: [RequestCode.GET_CONSUMER_CONNECTION_LIST, RequestCode.GET_PRODUCER_CONNECTION_LIST], lane: BrokerLane.ADMIN })
export class ClientConnectionProcessor implements RemotingRequestHandler {
  constructor(
    private readonly consumers: ConsumerManager,
    private readonly producers: ProducerManager,
  ) {}

  handle(_context: ConnectionContext, request: RemotingCommand): RemotingCommand {
    return request.code === RequestCode.GET_CONSUMER_CONNECTION_LIST
      ? this.consumerConnections(request)
      : this.producerConnections(request);
  }

  private consumerConnections(request: RemotingCommand): RemotingCommand {
    const { consumerGroup } = GetConsumerConnectionListRequestHeader.decode(request.extFields);
    const info = this.consumers.getConsumerGroupInfo(consumerGroup);
    if (info === undefined)
      return createResponse(request, ResponseCode.CONSUMER_NOT_ONLINE, { remark: `the consumer group[${consumerGroup}] not online` });
    const body = ConsumerConnection.encode({
      connectionSet: [...info.channels.values()].map(toConnection),
      subscriptionTable: info.subscriptions,
      consumeType: info.consumeType,
      messageModel: info.messageModel,
      consumeFromWhere: info.consumeFromWhere,
    });
    return createResponse(request, ResponseCode.SUCCESS, { body });
  }

  private producerConnections(request: RemotingCommand): RemotingCommand {
    const { producerGroup } = GetProducerConnectionListRequestHeader.decode(request.extFields);
    const channels = this.producers.channelsOf(producerGroup);
    if (channels.length === 0)
      return createResponse(request, ResponseCode.SYSTEM_ERROR, { remark: `the producer group[${producerGroup}] not exist` });
    return createResponse(request, ResponseCode.SUCCESS, {
      body: ProducerConnection.encode({ connectionSet: channels.map(toConnection) }),
    });
  }
}

function toConnection(channel: ClientChannel): ClientConnection {
  return { clientId: channel.clientId, clientAddr: channel.connection.remoteAddress, language: channel.language, version: channel.version };
}
