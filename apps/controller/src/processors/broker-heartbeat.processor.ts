import { RemotingProcessor } from '@rocketmq-ts/nest-remoting';
import { BrokerHeartbeatRequestHeader, createResponse, type RemotingCommand, RequestCode, ResponseCode } from '@rocketmq-ts/protocol';
import type { ConnectionContext, RemotingRequestHandler } from '@rocketmq-ts/remoting';

import { ControllerLane } from '../controller.tokens';
import { BrokerHeartbeatManager } from '../heartbeat/broker-heartbeat-manager';

/**
 * BROKER_HEARTBEAT (904), one-way from every controller-mode broker to every controller; each
 * controller keeps its own liveness table (docs/controller.md#liveness). A heartbeat without a
 * brokerId is CONTROLLER_INVALID_REQUEST (only visible when it was not sent one-way).
 */
@RemotingProcessor({ codes: [RequestCode.BROKER_HEARTBEAT], lane: ControllerLane.HEARTBEAT })
export class BrokerHeartbeatProcessor implements RemotingRequestHandler {
  constructor(private readonly heartbeats: BrokerHeartbeatManager) {}

  handle(context: ConnectionContext, request: RemotingCommand): RemotingCommand {
    const header = BrokerHeartbeatRequestHeader.decode(request.extFields);
    const brokerId = header.brokerId;
    if (brokerId === undefined)
      return createResponse(request, ResponseCode.CONTROLLER_INVALID_REQUEST, { remark: 'Heart beat with empty brokerId' });
    this.heartbeats.heartbeat({ ...header, brokerId }, context);
    return createResponse(request, ResponseCode.SUCCESS);
  }
}
