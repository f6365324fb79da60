import { RemotingProcessor } from '@rocketmq-ts/nest-remoting';
import {
  createResponse,
  LockBatchRequestBody,
  LockBatchResponseBody,
  type RemotingCommand,
  RequestCode,
  ResponseCode,
  UnlockBatchRequestBody,
} from '@rocketmq-ts/protocol';
import type { ConnectionContext, RemotingRequestHandler } from '@rocketmq-ts/remoting';

import { BrokerLane } from '../broker.tokens';
import { RebalanceLockManager } from '../orderly/rebalance-lock-manager';

/**
 * LOCK_BATCH_MQ (41) and UNLOCK_BATCH_MQ (42), docs/remoting-protocol.md#requests-the-broker-serves. `onlyThisBroker` matters only to
 * brokers with replicas to lock on too; this broker locks locally either way.
 */
@RemotingProcessor({ codes: [RequestCode.LOCK_BATCH_MQ, RequestCode.UNLOCK_BATCH_MQ], lane: BrokerLane.CONSUMER_MANAGE })
export class LockBatchProcessor implements RemotingRequestHandler {
  constructor(private readonly locks: RebalanceLockManager) {}

  handle(_context: ConnectionContext, request: RemotingCommand): RemotingCommand {
    if (request.body === undefined) return createResponse(request, ResponseCode.SYSTEM_ERROR, { remark: 'the lock request has no body' });
    if (request.code === RequestCode.LOCK_BATCH_MQ) {
      const body = LockBatchRequestBody.decode(request.body);
      const lockOKMQSet = this.locks.tryLockBatch(body.consumerGroup, body.mqSet, body.clientId);
      return createResponse(request, ResponseCode.SUCCESS, { body: LockBatchResponseBody.encode({ lockOKMQSet }) });
    }
    const body = UnlockBatchRequestBody.decode(request.body);
    this.locks.unlockBatch(body.consumerGroup, body.mqSet, body.clientId);
    return createResponse(request, ResponseCode.SUCCESS);
  }
}
