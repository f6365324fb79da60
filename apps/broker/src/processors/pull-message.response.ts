import { createResponse, PullMessageResponseHeader, type RemotingCommand, ResponseCode } from '@rocketmq-ts/protocol';
import type { GetMessageResult, GetMessageStatus } from '@rocketmq-ts/store';

/**
 * The store status → pull response code table (docs/remoting-protocol.md#requests-the-broker-serves,
 * docs/store-and-ha.md#consume-queues). An empty queue
 * or a missing one is "not found" only when the client asked for offset 0; otherwise its offset
 * is stale and must move.
 */
export function pullResponseCode(status: GetMessageStatus, requestedOffset: number): number {
  switch (status) {
    case 'FOUND':
      return ResponseCode.SUCCESS;
    case 'NO_MATCHED_MESSAGE':
    case 'MESSAGE_WAS_REMOVING':
      return ResponseCode.PULL_RETRY_IMMEDIATELY;
    case 'NO_MATCHED_LOGIC_QUEUE':
    case 'NO_MESSAGE_IN_QUEUE':
      return requestedOffset !== 0 ? ResponseCode.PULL_OFFSET_MOVED : ResponseCode.PULL_NOT_FOUND;
    case 'OFFSET_FOUND_NULL':
    case 'OFFSET_OVERFLOW_ONE':
      return ResponseCode.PULL_NOT_FOUND;
    case 'OFFSET_OVERFLOW_BADLY':
    case 'OFFSET_TOO_SMALL':
      return ResponseCode.PULL_OFFSET_MOVED;
  }
}

/** Master broker id: where pulls are pointed next unless the replica policy says otherwise. */
export const MASTER_BROKER_ID = 0;

/**
 * A 0/19/20/21 reply. The four offset fields are always present (Java unboxes them, ali-ons calls
 * Number() on them); the remark is the store status name, as Java sends it. `suggestWhichBrokerId`
 * comes from the replica read policy (ha/replica-read-policy.ts).
 */
export function pullResponse(
  request: RemotingCommand,
  result: GetMessageResult,
  code: number,
  suggestWhichBrokerId: number = MASTER_BROKER_ID,
): RemotingCommand {
  const extFields = PullMessageResponseHeader.encode({
    suggestWhichBrokerId,
    nextBeginOffset: result.nextBeginOffset,
    minOffset: result.minOffset,
    maxOffset: result.maxOffset,
  });
  const body = code === ResponseCode.SUCCESS ? Buffer.concat(result.messages as Buffer[]) : undefined;
  return createResponse(request, code, { remark: result.status, extFields, body });
}
