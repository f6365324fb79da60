import { Inject } from '@nestjs/common';

import { RemotingProcessor } from '@rocketmq-ts/nest-remoting';
import { createResponse, GetMetaDataResponseHeader, type RemotingCommand, RequestCode, ResponseCode } from '@rocketmq-ts/protocol';
import type { ConnectionContext, RemotingRequestHandler } from '@rocketmq-ts/remoting';

import { ControllerSettings } from '../config/controller-settings';
import { type ControllerTopology, formatPeersForMetadata } from '../config/controller-topology';
import { CONTROLLER_LOG, CONTROLLER_TOPOLOGY, ControllerLane } from '../controller.tokens';
import { ControllerEngine } from '../engine/controller-engine';
import type { MetadataLog } from '../metadata-log/metadata-log';

/**
 * Requests any controller answers, leader or not (docs/controller.md#codes):
 * CONTROLLER_GET_METADATA_INFO (1005) tells brokers and tools where the leader is;
 * UPDATE_CONTROLLER_CONFIG (1009) / GET_CONTROLLER_CONFIG (1010) act on this node only.
 */
@RemotingProcessor({
  codes: [RequestCode.CONTROLLER_GET_METADATA_INFO, RequestCode.UPDATE_CONTROLLER_CONFIG, RequestCode.GET_CONTROLLER_CONFIG],
  lane: ControllerLane.ADMIN,
})
export class ControllerAdminProcessor implements RemotingRequestHandler {
  constructor(
    private readonly engine: ControllerEngine,
    private readonly settings: ControllerSettings,
    @Inject(CONTROLLER_TOPOLOGY) private readonly topology: ControllerTopology,
    @Inject(CONTROLLER_LOG) private readonly log: MetadataLog,
  ) {}

  handle(_context: ConnectionContext, request: RemotingCommand): RemotingCommand {
    switch (request.code) {
      case RequestCode.CONTROLLER_GET_METADATA_INFO: {
        const leader = this.log.leader();
        return createResponse(request, ResponseCode.SUCCESS, {
          extFields: GetMetaDataResponseHeader.encode({
            group: this.topology.group,
            controllerLeaderId: leader?.id,
            controllerLeaderAddress: leader?.address,
            isLeader: this.engine.isLeader(),
            peers: formatPeersForMetadata(this.topology.peers),
          }),
        });
      }
      case RequestCode.GET_CONTROLLER_CONFIG:
        return createResponse(request, ResponseCode.SUCCESS, { body: Buffer.from(this.settings.format(), 'utf8') });
      default: {
        const outcome = this.settings.update(request.body?.toString('utf8') ?? '');
        return createResponse(request, outcome.code, { remark: outcome.remark });
      }
    }
  }
}
