import { RemotingProcessor } from '@rocketmq-ts/nest-remoting';
import { createResponse, EpochEntryCache, type RemotingCommand, RequestCode, ResponseCode } from '@rocketmq-ts/protocol';
import type { ConnectionContext, RemotingRequestHandler } from '@rocketmq-ts/remoting';
import { epochRanges } from '@rocketmq-ts/store';

import { BrokerLane } from '../broker.tokens';
import { BrokerReplication } from '../ha/broker-replication';

/** Java's Long.MAX_VALUE: the open end of the newest epoch in an EpochEntryCache. */
const OPEN_END = 9223372036854775807n;

/**
 * The controller-mode requests a broker serves (docs/controller-mode-broker.md#wire):
 * - NOTIFY_BROKER_ROLE_CHANGED (1008), one-way from the controller leader: handled like a poll
 *   reply (only a newer master epoch changes anything);
 * - GET_BROKER_EPOCH_CACHE (1007), from mqadmin getBrokerEpoch: the epoch list with ends, the
 *   newest open (Long.MAX_VALUE), brokerId being the role id (0 on the master).
 * Outside controller mode both answer SYSTEM_ERROR saying so.
 */
@RemotingProcessor({ codes: [RequestCode.NOTIFY_BROKER_ROLE_CHANGED, RequestCode.GET_BROKER_EPOCH_CACHE], lane: BrokerLane.ADMIN })
export class ControllerModeProcessor implements RemotingRequestHandler {
  constructor(private readonly replication: BrokerReplication) {}

  handle(_context: ConnectionContext, request: RemotingCommand): RemotingCommand {
    const controller = this.replication.controller;
    if (controller === undefined)
      return createResponse(request, ResponseCode.SYSTEM_ERROR, {
        remark: 'this broker is not in controller mode (enableControllerMode=false)',
      });
    if (request.code === RequestCode.NOTIFY_BROKER_ROLE_CHANGED) {
      controller.onRoleChangedNotification(request.extFields, request.body);
      return createResponse(request, ResponseCode.SUCCESS);
    }
    const maxOffset = controller.heartbeatFigures().maxOffset;
    const ranges = epochRanges(controller.epochs.list(), maxOffset);
    const epochList = ranges.map((range, index) => ({
      endOffset: index === ranges.length - 1 ? OPEN_END : BigInt(range.endOffset),
      epoch: range.epoch,
      startOffset: BigInt(range.startOffset),
    }));
    const body = EpochEntryCache.encode({
      brokerId: controller.registrationBrokerId() ?? -1,
      brokerName: this.replication.brokerName(),
      clusterName: this.replication.clusterName(),
      epochList,
      maxOffset: BigInt(maxOffset),
    });
    return createResponse(request, ResponseCode.SUCCESS, { body });
  }
}
