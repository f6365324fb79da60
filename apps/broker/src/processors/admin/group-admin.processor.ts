import { RemotingProcessor } from '@rocketmq-ts/nest-remoting';
import { hasOnlyValidNameChars } from '@rocketmq-ts/model';
import {
  createResponse,
  DeleteSubscriptionGroupRequestHeader,
  type RemotingCommand,
  RequestCode,
  ResponseCode,
  SubscriptionGroupConfig,
  SubscriptionGroupWrapper,
} from '@rocketmq-ts/protocol';
import type { ConnectionContext, RemotingRequestHandler } from '@rocketmq-ts/remoting';

import { SubscriptionGroupManager } from '../../subscriptions/subscription-group-manager';
import { BrokerLane } from '../../broker.tokens';

/**
 * Consumer group administration: UPDATE_AND_CREATE_SUBSCRIPTIONGROUP (200, body =
 * SubscriptionGroupConfig JSON), GET_ALL_SUBSCRIPTIONGROUP_CONFIG (201), DELETE_SUBSCRIPTIONGROUP
 * (207). `cleanOffset` on 207 is accepted; dropping the group's offsets belongs to the consumer
 * offset manager.
 */
@RemotingProcessor({
  codes: [
    RequestCode.UPDATE_AND_CREATE_SUBSCRIPTIONGROUP,
    RequestCode.GET_ALL_SUBSCRIPTIONGROUP_CONFIG,
    RequestCode.DELETE_SUBSCRIPTIONGROUP,
  ],
  lane: BrokerLane.ADMIN,
})
export class GroupAdminProcessor implements RemotingRequestHandler {
  constructor(private readonly groups: SubscriptionGroupManager) {}

  handle(_context: ConnectionContext, request: RemotingCommand): RemotingCommand {
    switch (request.code) {
      case RequestCode.UPDATE_AND_CREATE_SUBSCRIPTIONGROUP: {
        const config = SubscriptionGroupConfig.decode(request.body ?? '');
        if (config.groupName === '' || !hasOnlyValidNameChars(config.groupName)) {
          return createResponse(request, ResponseCode.INVALID_PARAMETER, {
            remark: `group name ${JSON.stringify(config.groupName)} has characters outside [%|a-zA-Z0-9_-]`,
          });
        }
        this.groups.updateSubscriptionGroupConfig(config);
        return createResponse(request, ResponseCode.SUCCESS);
      }
      case RequestCode.GET_ALL_SUBSCRIPTIONGROUP_CONFIG: {
        const body = SubscriptionGroupWrapper.encode({
          subscriptionGroupTable: this.groups.subscriptionGroupTable,
          dataVersion: this.groups.dataVersion,
        });
        return createResponse(request, ResponseCode.SUCCESS, { body });
      }
      default: {
        const header = DeleteSubscriptionGroupRequestHeader.decode(request.extFields);
        this.groups.deleteSubscriptionGroupConfig(header.groupName);
        return createResponse(request, ResponseCode.SUCCESS);
      }
    }
  }
}
