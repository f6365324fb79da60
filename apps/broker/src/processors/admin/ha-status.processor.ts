import { Inject } from '@nestjs/common';

import { RemotingProcessor } from '@rocketmq-ts/nest-remoting';
import {
  createResponse,
  type HAConnectionRuntimeInfo,
  HARuntimeInfo,
  type RemotingCommand,
  RequestCode,
  ResponseCode,
} from '@rocketmq-ts/protocol';
import type { ConnectionContext, RemotingRequestHandler } from '@rocketmq-ts/remoting';
import type { MessageStore } from '@rocketmq-ts/store';

import { BROKER_CONFIG, BrokerLane, MESSAGE_STORE } from '../../broker.tokens';
import type { BrokerConfig } from '../../config/broker-config.schema';
import { BrokerReplication } from '../../ha/broker-replication';

/**
 * GET_BROKER_HA_STATUS (907), `mqadmin haStatus` (docs/admin.md#request-codes): a master lists its
 * slave connections with their acknowledged offsets; a slave describes its link to the master.
 * "In sync" is Java's rule: the slave's ack is within haSlaveFallbehindMax of the master's max offset.
 * Per-second transfer rates are not tracked and read 0.
 */
@RemotingProcessor({ codes: [RequestCode.GET_BROKER_HA_STATUS], lane: BrokerLane.ADMIN })
export class HaStatusProcessor implements RemotingRequestHandler {
  constructor(
    private readonly replication: BrokerReplication,
    @Inject(MESSAGE_STORE) private readonly store: MessageStore,
    @Inject(BROKER_CONFIG) private readonly config: BrokerConfig,
  ) {}

  handle(_context: ConnectionContext, request: RemotingCommand): RemotingCommand {
    const maxOffset = this.store.getMaxPhyOffset();
    const master = !this.replication.isSlave;
    const connections: HAConnectionRuntimeInfo[] = (this.replication.masterStats()?.slaves ?? []).map((slave) => ({
      addr: slave.remoteAddress,
      slaveAckOffset: slave.slaveAckOffset,
      diff: slave.bytesBehind,
      inSync: slave.bytesBehind <= this.config.haSlaveFallbehindMax,
      transferredByteInSecond: 0,
      transferFromWhere: slave.nextTransferOffset,
    }));
    const client = this.replication.slaveStats();
    const body = HARuntimeInfo.encode({
      master,
      masterCommitLogMaxOffset: master ? maxOffset : Math.max(0, client?.masterOffset ?? 0),
      inSyncSlaveNums: connections.filter((one) => one.inSync).length,
      haConnectionInfo: connections,
      haClientRuntimeInfo: {
        masterAddr: client?.masterAddress,
        transferredByteInSecond: 0,
        maxOffset: client?.localMaxOffset ?? 0,
        lastReadTimestamp: client?.lastReadMs ?? 0,
        lastWriteTimestamp: client?.lastReadMs ?? 0,
        masterFlushOffset: 0,
        activated: client?.connected ?? false,
      },
    });
    return createResponse(request, ResponseCode.SUCCESS, { body });
  }
}
