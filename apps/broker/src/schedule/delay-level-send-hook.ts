import { CONTINUE, type SendMessageDraft, type SendMessageHook, type SendMessageHookVerdict } from '../send-hooks/send-message-hook';
import type { ScheduleMessageService } from './schedule-message-service';

/**
 * The send path's DELAY rule (docs/remoting-protocol.md#requests-the-broker-serves): a message with a delay level is stored in its
 * level's SCHEDULE_TOPIC_XXXX queue; the schedule service delivers it to the real topic later.
 */
export class DelayLevelSendHook implements SendMessageHook {
  readonly name = 'delay-level';

  constructor(private readonly schedule: ScheduleMessageService) {}

  beforeStore(draft: SendMessageDraft): SendMessageHookVerdict {
    const redirect = this.schedule.delayRedirect(draft);
    if (redirect !== undefined) {
      draft.topic = redirect.topic;
      draft.queueId = redirect.queueId;
      draft.properties = redirect.properties;
      draft.tagsCode = redirect.tagsCode;
    }
    return CONTINUE;
  }
}
