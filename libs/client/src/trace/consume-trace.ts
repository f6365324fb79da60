import { randomUUID } from 'node:crypto';

import { ConsumeReturnType } from '@rocketmq-ts/protocol';

import type { ConcurrentListener, OrderlyListener } from '../consumer/listener';
import type { MessageExt } from '../consumer/message-ext';
import type { TraceDispatcher } from './trace-dispatcher';

/**
 * Wraps a listener so each call writes SubBefore before and SubAfter after it, with the cost and
 * outcome, as Java's ConsumeMessageTraceHookImpl does (docs/security.md#trace). `failed` says which
 * answers mean "not consumed" (RECONSUME_LATER, SUSPEND_CURRENT_QUEUE_A_MOMENT).
 */
function traced<C, S>(
  listener: (message: MessageExt, context: C) => Promise<S | void> | S | void,
  failed: (status: S | void) => boolean,
  tracer: TraceDispatcher,
  consumerGroup: string,
) {
  return async (message: MessageExt, context: C): Promise<S | void> => {
    const requestId = randomUUID().replace(/-/g, '').toUpperCase();
    const keys = message.keys.join(' ');
    const startedMs = Date.now();
    tracer.record(
      {
        type: 'SubBefore',
        timestamp: startedMs,
        regionId: regionOf(message),
        groupName: consumerGroup,
        requestId,
        msgId: message.msgId,
        retryTimes: message.reconsumeTimes,
        keys,
      },
      traceKeys(message),
    );
    let contextCode: number = ConsumeReturnType.SUCCESS;
    let success = false;
    try {
      const status = await listener(message, context);
      success = !failed(status);
      if (!success) contextCode = ConsumeReturnType.FAILED;
      return status;
    } catch (error) {
      contextCode = ConsumeReturnType.EXCEPTION;
      throw error;
    } finally {
      const now = Date.now();
      tracer.record(
        {
          type: 'SubAfter',
          requestId,
          msgId: message.msgId,
          costTimeMs: now - startedMs,
          success,
          keys,
          contextCode,
          timestamp: now,
          groupName: consumerGroup,
        },
        traceKeys(message),
      );
    }
  };
}

export function tracedConcurrentListener(listener: ConcurrentListener, tracer: TraceDispatcher, consumerGroup: string): ConcurrentListener {
  return traced(listener, (status) => status === 'RECONSUME_LATER', tracer, consumerGroup);
}

export function tracedOrderlyListener(listener: OrderlyListener, tracer: TraceDispatcher, consumerGroup: string): OrderlyListener {
  return traced(listener, (status) => status === 'SUSPEND_CURRENT_QUEUE_A_MOMENT', tracer, consumerGroup);
}

function regionOf(message: MessageExt): string {
  return message.properties['MSG_REGION'] ?? 'DefaultRegion';
}

function traceKeys(message: MessageExt): string[] {
  return [message.msgId, ...message.keys];
}
