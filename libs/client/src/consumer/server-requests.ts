import type { Logger } from '@rocketmq-ts/base';
import type { MessageQueue } from '@rocketmq-ts/model';
import { createResponse, isOneway, type RemotingCommand, RequestCode, ResetOffsetBody, ResponseCode } from '@rocketmq-ts/protocol';
import type { ConnectionContext, RemotingRequestHandler } from '@rocketmq-ts/remoting';

export interface ConsumerServerRequestTarget {
  readonly consumerGroup: string;
  /** NOTIFY_CONSUMER_IDS_CHANGED: the group's membership changed. */
  rebalanceNow(): void;
  /** RESET_CONSUMER_CLIENT_OFFSET: restart these queues of `topic` at these offsets. */
  resetOffsets(topic: string, offsets: ReadonlyArray<readonly [MessageQueue, number]>): Promise<void>;
}

/**
 * What a broker asks a consumer over the consumer's own connection: NOTIFY_CONSUMER_IDS_CHANGED
 * (40, one-way) → rebalance now; RESET_CONSUMER_CLIENT_OFFSET (220, from `mqadmin
 * resetOffsetByTime`) → restart the named queues at the given offsets. Anything else, including
 * GET_CONSUMER_RUNNING_INFO (307), gets REQUEST_CODE_NOT_SUPPORTED, as Java's remoting answers
 * codes it has no processor for.
 */
export function consumerServerRequestHandler(target: ConsumerServerRequestTarget, logger: Logger): RemotingRequestHandler {
  return {
    describe: () => 'consumer-server-requests',
    handle: async (_context: ConnectionContext, request: RemotingCommand): Promise<RemotingCommand | undefined> => {
      switch (request.code) {
        case RequestCode.NOTIFY_CONSUMER_IDS_CHANGED:
          if (request.extFields?.['consumerGroup'] === target.consumerGroup) target.rebalanceNow();
          return isOneway(request) ? undefined : createResponse(request, ResponseCode.SUCCESS);
        case RequestCode.RESET_CONSUMER_CLIENT_OFFSET:
          return resetOffsets(target, request, logger);
        default:
          return isOneway(request)
            ? undefined
            : createResponse(request, ResponseCode.REQUEST_CODE_NOT_SUPPORTED, {
                remark: `request code ${request.code} not supported by this client`,
              });
      }
    },
  };
}

async function resetOffsets(target: ConsumerServerRequestTarget, request: RemotingCommand, logger: Logger): Promise<RemotingCommand> {
  const topic = request.extFields?.['topic'];
  const group = request.extFields?.['group'];
  if (topic === undefined || group !== target.consumerGroup || request.body === undefined) {
    return createResponse(request, ResponseCode.SYSTEM_ERROR, { remark: 'reset offset request without topic, this group or a body' });
  }
  let offsets: Array<readonly [MessageQueue, number]>;
  try {
    offsets = ResetOffsetBody.decode(request.body).offsetTable.filter(([queue]) => queue.topic === topic);
  } catch (error) {
    logger.warn({ err: error }, 'undecodable reset offset body');
    return createResponse(request, ResponseCode.SYSTEM_ERROR, { remark: 'undecodable ResetOffsetBody' });
  }
  await target.resetOffsets(topic, offsets);
  return createResponse(request, ResponseCode.SUCCESS);
}
