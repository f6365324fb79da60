import { RemotingProcessor } from '@rocketmq-ts/nest-remoting';
import { createResponse, type RemotingCommand, RequestCode, ResponseCode } from '@rocketmq-ts/protocol';
import type { ConnectionContext, RemotingRequestHandler } from '@rocketmq-ts/remoting';

import { BrokerLane } from '../../broker.tokens';
import { ConsumerOffsetManager } from '../../offsets/consumer-offset-manager';
import { ScheduleMessageService } from '../../schedule/schedule-message-service';

/**
 * What a slave pulls from its master besides topics and groups (docs/store-and-ha.md#replication):
 * GET_ALL_CONSUMER_OFFSET (43), the body consumerOffset.json holds, and GET_ALL_DELAY_OFFSET
 * (45), the body delayOffset.json holds. Topic config (21) and groups (201) are the admin
 * processors' codes.
 */
@RemotingProcessor({ codes: [RequestCode.GET_ALL_CONSUMER_OFFSET, RequestCode.GET_ALL_DELAY_OFFSET], lane: BrokerLane.ADMIN })
export class MetadataSyncProcessor implements RemotingRequestHandler {
  constructor(
    private readonly offsets: ConsumerOffsetManager,
    private readonly schedule: ScheduleMessageService,
  ) {}

  handle(_context: ConnectionContext, request: RemotingCommand): RemotingCommand {
    const text = request.code === RequestCode.GET_ALL_CONSUMER_OFFSET ? this.offsets.encodeAll() : this.schedule.encodeOffsets();
    return createResponse(request, ResponseCode.SUCCESS, { body: Buffer.from(text, 'utf8') });
  }
}
