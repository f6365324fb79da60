import { RemotingProcessor } from '@rocketmq-ts/nest-remoting';
import {
  AlterSyncStateSetRequestHeader,
  ApplyBrokerIdRequestHeader,
  BrokerNameList,
  CleanControllerBrokerDataRequestHeader,
  ElectMasterRequestHeader,
  GetNextBrokerIdRequestHeader,
  GetReplicaInfoRequestHeader,
  RegisterBrokerToControllerRequestHeader,
  type RemotingCommand,
  RequestCode,
  SyncStateSet,
} from '@rocketmq-ts/protocol';
import type { ConnectionContext, RemotingRequestHandler } from '@rocketmq-ts/remoting';

import { ControllerLane } from '../controller.tokens';
import { ControllerEngine } from '../engine/controller-engine';
import { ReplicasInfoManager } from '../replicas/replicas-info-manager';
import { toResponse } from './reply';

/**
 * The leader-only requests (docs/controller.md#codes): 1001, 1002, 1003, 1004, 1006, 1011, 1012,
 * 1013. Each becomes a decision of the state machine run through the engine's queue; a controller
 * that is not the ready leader answers CONTROLLER_NOT_LEADER (2007).
 */
@RemotingProcessor({
  codes: [
    RequestCode.CONTROLLER_ALTER_SYNC_STATE_SET,
    RequestCode.CONTROLLER_ELECT_MASTER,
    RequestCode.CONTROLLER_REGISTER_BROKER,
    RequestCode.CONTROLLER_GET_REPLICA_INFO,
    RequestCode.CONTROLLER_GET_SYNC_STATE_DATA,
    RequestCode.CLEAN_BROKER_DATA,
    RequestCode.CONTROLLER_GET_NEXT_BROKER_ID,
    RequestCode.CONTROLLER_APPLY_BROKER_ID,
  ],
  lane: ControllerLane.BROKER,
})
export class ControllerRequestProcessor implements RemotingRequestHandler {
  constructor(
    private readonly engine: ControllerEngine,
    private readonly manager: ReplicasInfoManager,
  ) {}

  async handle(_context: ConnectionContext, request: RemotingCommand): Promise<RemotingCommand> {
    return toResponse(request, await this.dispatch(request));
  }

  private dispatch(request: RemotingCommand) {
    const { engine, manager } = this;
    const ext = request.extFields;
    switch (request.code) {
      case RequestCode.CONTROLLER_ALTER_SYNC_STATE_SET: {
        const header = AlterSyncStateSetRequestHeader.decode(ext);
        const proposal = SyncStateSet.decode(request.body ?? '{}');
        return engine.submit(() => manager.alterSyncStateSet(header, proposal));
      }
      case RequestCode.CONTROLLER_ELECT_MASTER: {
        const header = ElectMasterRequestHeader.decode(ext);
        return engine.elect(() => manager.electMaster(header), header.brokerName);
      }
      case RequestCode.CONTROLLER_REGISTER_BROKER: {
        const header = RegisterBrokerToControllerRequestHeader.decode(ext);
        return engine.submit(() => manager.registerBroker(header));
      }
      case RequestCode.CONTROLLER_GET_REPLICA_INFO: {
        const { brokerName } = GetReplicaInfoRequestHeader.decode(ext);
        return engine.read(() => manager.getReplicaInfo(brokerName));
      }
      case RequestCode.CONTROLLER_GET_SYNC_STATE_DATA: {
        const brokerNames = BrokerNameList.decode(request.body ?? '[]');
        return engine.read(() => manager.getSyncStateData(brokerNames));
      }
      case RequestCode.CLEAN_BROKER_DATA: {
        const header = CleanControllerBrokerDataRequestHeader.decode(ext);
        return engine.submit(() => manager.cleanBrokerData(header));
      }
      case RequestCode.CONTROLLER_GET_NEXT_BROKER_ID: {
        const header = GetNextBrokerIdRequestHeader.decode(ext);
        return engine.read(() => manager.getNextBrokerId(header));
      }
      default: {
        const header = ApplyBrokerIdRequestHeader.decode(ext);
        return engine.submit(() => manager.applyBrokerId(header));
      }
    }
  }
}
