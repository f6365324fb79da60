import {
  encodeMessageProperties,
  findMessageProperty,
  MessageConst,
  parseMessageProperties,
  RMQ_SYS_WHEEL_TIMER_TOPIC,
  transactionTypeOf,
} from '@rocketmq-ts/model';
import { ResponseCode } from '@rocketmq-ts/protocol';

import { CONTINUE, type SendMessageDraft, type SendMessageHook, type SendMessageHookVerdict } from '../send-hooks/send-message-hook';
import { deliveryTime, TIMER_REQUEST_PROPERTIES, type TimerLimits } from './timer-delivery-time';

export interface TimerSendHookOptions extends TimerLimits {
  readonly enabled: boolean;
  readonly nowMs: () => number;
}

/**
 * The send path's timer rule (Java's HookUtils.handleScheduleMessage, timer half): a normal or
 * committed message carrying a timer property is stored to rmq_sys_wheel_timer queue 0 with its
 * real topic and queue in REAL_TOPIC/REAL_QID and its slot in TIMER_OUT_MS; the timer service
 * delivers it from there. A DELAY level wins: its timer properties are dropped and the delay rule
 * (which runs after this hook) handles it.
 *
 * Refusals answer what Java answers: timerWheelEnable=false → SYSTEM_ERROR; an unreadable time or
 * one beyond timerMaxDelaySec → MESSAGE_ILLEGAL (WHEEL_TIMER_MSG_ILLEGAL), with Java's remarks.
 */
export class TimerSendHook implements SendMessageHook {
  readonly name = 'timer';

  constructor(private readonly options: TimerSendHookOptions) {}

  beforeStore(draft: SendMessageDraft): SendMessageHookVerdict {
    if (!TIMER_REQUEST_PROPERTIES.some((name) => findMessageProperty(draft.properties, name) !== undefined)) return CONTINUE;
    const type = transactionTypeOf(draft.sysFlag);
    if (type !== 'NOT' && type !== 'COMMIT') return CONTINUE;
    const properties = parseMessageProperties(draft.properties);
    if (Number.parseInt(properties.get(MessageConst.PROPERTY_DELAY_TIME_LEVEL) ?? '', 10) > 0) {
      for (const name of TIMER_REQUEST_PROPERTIES) properties.delete(name);
      draft.properties = encodeMessageProperties(properties);
      return CONTINUE;
    }
    // Already staged (a timer message put again): never wrapped twice.
    if (draft.topic === RMQ_SYS_WHEEL_TIMER_TOPIC || properties.has(MessageConst.PROPERTY_TIMER_OUT_MS)) return CONTINUE;
    if (!this.options.enabled)
      return {
        kind: 'reject',
        code: ResponseCode.SYSTEM_ERROR,
        remark: 'accurate timer message is not enabled, timerWheelEnable is false',
      };
    const time = deliveryTime(properties, this.options.nowMs(), this.options);
    if (time.kind === 'illegal') {
      const remark = `timer message illegal, the delay time should not be bigger than the max delay ${this.options.maxDelayMs}ms; or if set del msg, the delay time should be bigger than the current time`;
      return { kind: 'reject', code: ResponseCode.MESSAGE_ILLEGAL, remark };
    }
    if (time.kind === 'now') return CONTINUE;
    properties.set(MessageConst.PROPERTY_TIMER_OUT_MS, String(time.slotTimeMs));
    properties.set(MessageConst.PROPERTY_REAL_TOPIC, draft.topic);
    properties.set(MessageConst.PROPERTY_REAL_QUEUE_ID, String(draft.queueId));
    draft.properties = encodeMessageProperties(properties);
    draft.topic = RMQ_SYS_WHEEL_TIMER_TOPIC;
    draft.queueId = 0;
    return CONTINUE;
  }
}
