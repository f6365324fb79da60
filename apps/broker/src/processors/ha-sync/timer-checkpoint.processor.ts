import { Inject } from '@nestjs/common';

import type { Clock } from '@rocketmq-ts/base';
import { RemotingProcessor } from '@rocketmq-ts/nest-remoting';
import { createResponse, type RemotingCommand, RequestCode, ResponseCode } from '@rocketmq-ts/protocol';
import type { ConnectionContext, RemotingRequestHandler } from '@rocketmq-ts/remoting';

import { BROKER_CLOCK, BrokerLane } from '../../broker.tokens';
import { encodeTimerCheckpointBody } from '../../timer/timer-checkpoint-body';
import type { TimerMessageService } from '../../timer/timer-message-service';
import { TIMER_MESSAGE_SERVICE } from '../../timer/timer.providers';

/**
 * GET_TIMER_CHECK_POINT (60): how far this broker's timer delivery got. A slave asks its master
 * each sync round and follows its read time, so that once promoted it delivers from where the
 * master stopped (docs/timer-messages.md). With timerWheelEnable=false: SYSTEM_ERROR, as Java.
 */
@RemotingProcessor({ codes: [RequestCode.GET_TIMER_CHECK_POINT], lane: BrokerLane.ADMIN })
export class TimerCheckpointProcessor implements RemotingRequestHandler {
  constructor(
    @Inject(TIMER_MESSAGE_SERVICE) private readonly timer: TimerMessageService | null,
    @Inject(BROKER_CLOCK) private readonly clock: Clock,
  ) {}

  handle(_context: ConnectionContext, request: RemotingCommand): RemotingCommand {
    if (this.timer === null) return createResponse(request, ResponseCode.SYSTEM_ERROR, { remark: 'The checkpoint is null' });
    const timers = this.timer.timers;
    const body = encodeTimerCheckpointBody(
      {
        readTimeMs: timers.readTimeMs,
        logFlushedPos: timers.logEndPos,
        stagingQueueOffset: timers.stagingQueueOffset,
        deliveredInSlot: timers.deliveredInSlot,
      },
      this.clock.nowMs(),
    );
    return createResponse(request, ResponseCode.SUCCESS, { body });
  }
}
