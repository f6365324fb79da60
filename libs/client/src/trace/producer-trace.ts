import type { Logger } from '@rocketmq-ts/base';
import { type PubTrace, TraceMessageType } from '@rocketmq-ts/protocol';

import type { Message } from '../producer/message';
import { Producer } from '../producer/producer';
import type { ProducerOptions } from '../producer/producer-options';
import type { SendResult } from '../producer/send-result';
import { TraceDispatcher } from './trace-dispatcher';
import { TRACE_PRODUCER_GROUP_PREFIX, type TraceOptions, traceTopicOf } from './trace-options';

/** Java's MessageSysFlag.TRANSACTION_PREPARED_TYPE. */
const TRANSACTION_PREPARED = 0x4;

/**
 * The dispatcher of a traced producer or consumer: its own untraced Producer, in group
 * `_INNER_TRACE_PRODUCER-<owner group>`, with the owner's name servers, credentials and TLS.
 */
export function traceDispatcherFor(
  owner: Pick<ProducerOptions, 'namesrvAddr' | 'credentials' | 'tls' | 'timers'> & TraceOptions,
  ownerGroup: string,
  logger: Logger,
): TraceDispatcher {
  const sender = new Producer({
    namesrvAddr: owner.namesrvAddr,
    producerGroup: `${TRACE_PRODUCER_GROUP_PREFIX}-${ownerGroup}`,
    ...(owner.credentials ? { credentials: owner.credentials } : {}),
    ...(owner.tls ? { tls: owner.tls } : {}),
    logger,
    timers: owner.timers,
  });
  return new TraceDispatcher({
    traceTopic: traceTopicOf(owner),
    sender,
    logger: logger.child({ component: 'trace' }),
    timers: owner.timers,
  });
}

export interface PubFacts {
  readonly startedMs: number;
  /** When the answer came, on the same clock as startedMs. */
  readonly finishedMs: number;
  readonly storeHost: string;
  readonly regionId: string;
  readonly bodyLength: number;
  readonly extraSysFlag: number;
}

/** The Pub record of one send, as Java's SendMessageTraceHookImpl writes it. */
export function pubTrace(producerGroup: string, message: Message, result: SendResult, facts: PubFacts): PubTrace {
  const msgType =
    (facts.extraSysFlag & TRANSACTION_PREPARED) !== 0
      ? TraceMessageType.TRANSACTION_HALF
      : message.delayLevel !== undefined && message.delayLevel > 0
        ? TraceMessageType.DELAY
        : TraceMessageType.NORMAL;
  return {
    type: 'Pub',
    timestamp: facts.startedMs,
    regionId: facts.regionId === '' ? 'DefaultRegion' : facts.regionId,
    groupName: producerGroup,
    topic: message.topic,
    msgId: result.msgId,
    tags: message.tags ?? 'null',
    keys: keysOf(message).join(' ') || 'null',
    storeHost: facts.storeHost,
    bodyLength: facts.bodyLength,
    costTimeMs: facts.finishedMs - facts.startedMs,
    msgType,
    offsetMsgId: result.offsetMsgId,
    success: result.sendStatus === 'SEND_OK',
  };
}

export function keysOf(message: Message): string[] {
  if (message.keys === undefined) return [];
  return typeof message.keys === 'string' ? message.keys.split(' ').filter((key) => key !== '') : [...message.keys];
}
