import { decodeMessageRecords } from '@rocketmq-ts/model';
import {
  AckMessageRequestHeader,
  ChangeInvisibleTimeRequestHeader,
  ChangeInvisibleTimeResponseHeader,
  ConsumeInitMode,
  ConsumerSendMsgBackRequestHeader,
  PopExtraInfo,
  PopMessageRequestHeader,
  PopMessageResponseHeader,
  parsePopQueueNumbers,
  popRetryFlagOf,
  RequestCode,
  ResponseCode,
} from '@rocketmq-ts/protocol';
import type { RemotingRequestHandler } from '@rocketmq-ts/remoting';

import { decodeReceiptHandle, encodeReceiptHandle, type GrpcReceiptHandle, toV2Message, v2CodeOf } from './grpc-converters';
import type { LocalCall } from './local-remoting';
import { type V2FilterExpression, type V2Message, type V2Status, v2Status } from './v2-types';

/** The proxy's bounds: invisible time 10 s … 12 h (0 allowed on change), polling 5 … 20 s. */
const MIN_INVISIBLE_MS = 10_000;
const MAX_INVISIBLE_MS = 12 * 3_600_000;
const MIN_POLLING_MS = 5_000;
const MAX_POLLING_MS = 20_000;

export interface ConsumerProcessors {
  readonly pop: RemotingRequestHandler;
  readonly ack: RemotingRequestHandler;
  readonly changeInvisible: RemotingRequestHandler;
  readonly sendBack: RemotingRequestHandler;
}

export interface ReceiveRequest {
  readonly group: string;
  readonly topic: string;
  readonly filter: V2FilterExpression | undefined;
  readonly batchSize: number;
  readonly invisibleMs: number | undefined;
  readonly autoRenew: boolean;
  readonly longPollingMs: number | undefined;
  readonly fifo: boolean;
  readonly attemptId: string | undefined;
  /** ms left before the client's deadline, when it sent one. */
  readonly remainingMs: number | undefined;
}

export type ReceiveOutcome = { readonly status: V2Status; readonly messages: readonly V2Message[] };

interface ChangeInvisibleArgs {
  readonly group: string;
  readonly topic: string;
  readonly receiptHandle: string;
  readonly invisibleMs: number;
}

interface ForwardToDlqArgs {
  readonly group: string;
  readonly topic: string;
  readonly receiptHandle: string;
  readonly messageId: string;
}

/**
 * The consumer RPCs (docs/grpc-and-pop.md#grpc-endpoint): ReceiveMessage is a POP_MESSAGE of the
 * whole broker (queue −1), AckMessage an ACK_MESSAGE per entry, ChangeInvisibleDuration a
 * CHANGE_MESSAGE_INVISIBLETIME answered with a fresh handle, ForwardMessageToDeadLetterQueue a
 * CONSUMER_SEND_MSG_BACK with delay level −1 followed by an ack. Handles past their invisible time
 * are refused with INVALID_RECEIPT_HANDLE, as the proxy does.
 */
export class ConsumerActivity {
  constructor(
    private readonly processors: ConsumerProcessors,
    private readonly brokerName: string,
    private readonly now: () => number,
    /** Invisible time of an auto_renew receive (grpcDefaultInvisibleTimeMs); ReceiptHandleRenewer keeps it from running out. */
    private readonly autoRenewInvisibleMs = 60_000,
  ) {}

  async receive(call: LocalCall, request: ReceiveRequest): Promise<ReceiveOutcome> {
    const invisibleMs = request.autoRenew ? this.autoRenewInvisibleMs : request.invisibleMs;
    if (invisibleMs === undefined || invisibleMs < MIN_INVISIBLE_MS || invisibleMs > MAX_INVISIBLE_MS) {
      return {
        status: v2Status('ILLEGAL_INVISIBLE_TIME', `the invisible time must be in [${MIN_INVISIBLE_MS}, ${MAX_INVISIBLE_MS}] ms`),
        messages: [],
      };
    }
    let pollMs = Math.min(MAX_POLLING_MS, Math.max(MIN_POLLING_MS, request.longPollingMs ?? MAX_POLLING_MS));
    if (request.remainingMs !== undefined && pollMs > request.remainingMs - 1000) pollMs = Math.max(0, request.remainingMs - 1000);
    const expType = request.filter?.type === 'SQL' ? 'SQL92' : 'TAG';
    const header = PopMessageRequestHeader.encode({
      consumerGroup: request.group,
      topic: request.topic,
      queueId: -1,
      maxMsgNums: Math.min(32, Math.max(1, request.batchSize)),
      invisibleTime: invisibleMs,
      pollTime: pollMs,
      bornTime: this.now(),
      initMode: ConsumeInitMode.MAX,
      expType,
      exp: request.filter?.expression === undefined || request.filter.expression === '' ? '*' : request.filter.expression,
      order: request.fifo,
      attemptId: request.attemptId,
    });
    const response = await call.request(this.processors.pop, RequestCode.POP_MESSAGE, header);
    if (response === undefined) return { status: v2Status('MESSAGE_NOT_FOUND', 'the call ended'), messages: [] };
    if (response.code === ResponseCode.PULL_NOT_FOUND || response.code === ResponseCode.POLLING_TIMEOUT)
      return { status: v2Status('MESSAGE_NOT_FOUND', 'no new message'), messages: [] };
    if (response.code === ResponseCode.POLLING_FULL) return { status: v2Status('TOO_MANY_REQUESTS', 'polling full'), messages: [] };
    if (response.code === ResponseCode.TOPIC_NOT_EXIST)
      return { status: v2Status('TOPIC_NOT_FOUND', response.remark ?? 'topic not found'), messages: [] };
    if (response.code !== ResponseCode.SUCCESS)
      return { status: v2Status(v2CodeOf(response.code), response.remark ?? `pop failed with code ${response.code}`), messages: [] };

    const popped = PopMessageResponseHeader.decode(response.extFields);
    const starts = parsePopQueueNumbers(popped.startOffsetInfo);
    const orderCounts = parsePopQueueNumbers(popped.orderCountInfo);
    const messages = decodeMessageRecords(response.body ?? Buffer.alloc(0)).map((record) => {
      const retry = popRetryFlagOf(record.topic);
      const key = `${retry}@${record.queueId}`;
      const info: PopExtraInfo = {
        ckQueueOffset: starts.get(key) ?? record.queueOffset,
        popTime: popped.popTime,
        invisibleTime: popped.invisibleTime,
        reviveQid: popped.reviveQid,
        retry,
        brokerName: this.brokerName,
        queueId: record.queueId,
        queueOffset: record.queueOffset,
      };
      const reconsumeTimes = orderCounts.get(key) ?? record.reconsumeTimes;
      return toV2Message(record, encodeReceiptHandle(info, record.physicalOffset), reconsumeTimes + 1);
    });
    return { status: v2Status('OK'), messages };
  }

  async ack(call: LocalCall, group: string, topic: string, receiptHandle: string): Promise<V2Status> {
    const handle = this.liveHandle(receiptHandle);
    if ('code' in handle) return handle;
    const header = AckMessageRequestHeader.encode({
      consumerGroup: group,
      topic,
      queueId: handle.info.queueId,
      extraInfo: PopExtraInfo.encode(handle.info),
      offset: handle.info.queueOffset ?? 0,
    });
    const response = await call.request(this.processors.ack, RequestCode.ACK_MESSAGE, header);
    if (response === undefined) return v2Status('INTERNAL_SERVER_ERROR', 'no answer');
    return response.code === ResponseCode.SUCCESS
      ? v2Status('OK')
      : v2Status(v2CodeOf(response.code), response.remark ?? `ack failed with code ${response.code}`);
  }

  async changeInvisible(
    call: LocalCall,
    { group, topic, receiptHandle, invisibleMs }: ChangeInvisibleArgs,
  ): Promise<{ status: V2Status; receipt_handle: string }> {
    if (invisibleMs < 0 || invisibleMs > MAX_INVISIBLE_MS)
      return {
        status: v2Status('ILLEGAL_INVISIBLE_TIME', `the invisible time must be in [0, ${MAX_INVISIBLE_MS}] ms`),
        receipt_handle: receiptHandle,
      };
    const handle = this.liveHandle(receiptHandle);
    if ('code' in handle) return { status: handle, receipt_handle: receiptHandle };
    const offset = handle.info.queueOffset ?? 0;
    const header = ChangeInvisibleTimeRequestHeader.encode({
      consumerGroup: group,
      topic,
      queueId: handle.info.queueId,
      extraInfo: PopExtraInfo.encode(handle.info),
      offset,
      invisibleTime: invisibleMs,
    });
    const response = await call.request(this.processors.changeInvisible, RequestCode.CHANGE_MESSAGE_INVISIBLETIME, header);
    if (response === undefined) return { status: v2Status('INTERNAL_SERVER_ERROR', 'no answer'), receipt_handle: receiptHandle };
    if (response.code !== ResponseCode.SUCCESS)
      return {
        status: v2Status(v2CodeOf(response.code), response.remark ?? `change failed with code ${response.code}`),
        receipt_handle: receiptHandle,
      };
    const changed = ChangeInvisibleTimeResponseHeader.decode(response.extFields);
    const info: PopExtraInfo = {
      ...handle.info,
      ckQueueOffset: offset,
      popTime: changed.popTime,
      invisibleTime: changed.invisibleTime,
      reviveQid: changed.reviveQid,
    };
    return { status: v2Status('OK'), receipt_handle: encodeReceiptHandle(info, handle.commitLogOffset ?? 0) };
  }

  async forwardToDeadLetterQueue(call: LocalCall, { group, topic, receiptHandle, messageId }: ForwardToDlqArgs): Promise<V2Status> {
    const handle = this.liveHandle(receiptHandle);
    if ('code' in handle) return handle;
    if (handle.commitLogOffset === undefined) return v2Status('INVALID_RECEIPT_HANDLE', 'the receipt handle carries no commit-log offset');
    const header = ConsumerSendMsgBackRequestHeader.encode({
      offset: handle.commitLogOffset,
      group,
      delayLevel: -1,
      originMsgId: messageId,
      originTopic: topic,
      unitMode: false,
      maxReconsumeTimes: 0,
    });
    const response = await call.request(this.processors.sendBack, RequestCode.CONSUMER_SEND_MSG_BACK, header);
    if (response === undefined || response.code !== ResponseCode.SUCCESS)
      return v2Status(v2CodeOf(response?.code ?? -1), response?.remark ?? 'no answer');
    return this.ack(call, group, topic, receiptHandle);
  }

  private liveHandle(text: string): GrpcReceiptHandle | V2Status {
    const handle = decodeReceiptHandle(text);
    if (handle === undefined) return v2Status('INVALID_RECEIPT_HANDLE', 'receipt handle is malformed');
    if (handle.info.popTime + handle.info.invisibleTime <= this.now())
      return v2Status('INVALID_RECEIPT_HANDLE', 'receipt handle is expired');
    return handle;
  }
}
