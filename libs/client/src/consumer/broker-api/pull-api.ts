import { createRequest, PullMessageRequestHeader, PullMessageResponseHeader, RequestCode, ResponseCode } from '@rocketmq-ts/protocol';

import { MQBrokerError } from '../../errors';
import type { BrokerCaller } from './broker-caller';

/** Java's BROKER_SUSPEND_MAX_TIME_MILLIS: how long the broker may hold a pull. */
export const PULL_SUSPEND_MS = 15_000;
/** Java's CONSUMER_TIMEOUT_MILLIS_WHEN_SUSPEND: the socket wait, longer than the hold. */
export const PULL_TIMEOUT_MS = 30_000;

export type PullStatus = 'FOUND' | 'NO_NEW_MSG' | 'NO_MATCHED_MSG' | 'OFFSET_ILLEGAL';

export interface PullResult {
  readonly status: PullStatus;
  readonly nextBeginOffset: number;
  readonly minOffset: number;
  readonly maxOffset: number;
  readonly suggestWhichBrokerId: number;
  /** Concatenated stored records; only with FOUND. */
  readonly body: Buffer | undefined;
}

const STATUS_BY_CODE: ReadonlyMap<number, PullStatus> = new Map([
  [ResponseCode.SUCCESS, 'FOUND'],
  [ResponseCode.PULL_NOT_FOUND, 'NO_NEW_MSG'],
  [ResponseCode.PULL_RETRY_IMMEDIATELY, 'NO_MATCHED_MSG'],
  [ResponseCode.PULL_OFFSET_MOVED, 'OFFSET_ILLEGAL'],
]);

export interface PullCallOptions {
  readonly timeoutMs: number;
  readonly lite?: boolean;
}

/**
 * PULL_MESSAGE (or LITE_PULL_MESSAGE with the lite bit), docs/remoting-protocol.md#requests-the-broker-serves. Codes 0/19/20/21 map
 * to a status; any other code is an MQBrokerError (the caller pauses and tries again).
 */
export async function pullMessage(
  caller: BrokerCaller,
  addr: string,
  header: PullMessageRequestHeader,
  { timeoutMs, lite = false }: PullCallOptions,
): Promise<PullResult> {
  const code = lite ? RequestCode.LITE_PULL_MESSAGE : RequestCode.PULL_MESSAGE;
  const response = await caller.call(addr, createRequest(code, { extFields: PullMessageRequestHeader.encode(header) }), timeoutMs);
  const status = STATUS_BY_CODE.get(response.code);
  if (status === undefined) throw new MQBrokerError(addr, response.code, response.remark);
  const fields = PullMessageResponseHeader.decode(response.extFields);
  return {
    status,
    nextBeginOffset: fields.nextBeginOffset,
    minOffset: fields.minOffset,
    maxOffset: fields.maxOffset,
    suggestWhichBrokerId: fields.suggestWhichBrokerId,
    body: status === 'FOUND' ? response.body : undefined,
  };
}
