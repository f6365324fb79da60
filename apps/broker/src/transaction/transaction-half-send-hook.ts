import {
  encodeMessageProperties,
  MessageConst,
  parseMessageProperties,
  RMQ_SYS_TRANS_HALF_TOPIC,
  transactionTypeOf,
  withTransactionType,
} from '@rocketmq-ts/model';
import { ResponseCode } from '@rocketmq-ts/protocol';

import { CONTINUE, type SendMessageDraft, type SendMessageHook, type SendMessageHookVerdict } from '../send-hooks/send-message-hook';

/** The half topic has one queue: the check service walks it in order. */
export const HALF_QUEUE_ID = 0;

/**
 * The send path's transaction rule (docs/transactions.md): a prepared message (transaction type
 * PREPARED in its sysFlag) is stored as a half message — in RMQ_SYS_TRANS_HALF_TOPIC queue 0, its
 * real topic and queue in REAL_TOPIC/REAL_QID, its sysFlag reset to NOT so the half queue indexes
 * it — where no consumer sees it until END_TRANSACTION commits it. Runs after the delay rule, which
 * leaves prepared messages alone, so a delayed transactional message is delayed from its commit.
 */
export class TransactionHalfSendHook implements SendMessageHook {
  readonly name = 'transaction-half';

  constructor(
    private readonly brokerName: string,
    private readonly rejectTransactionMessage: boolean,
  ) {}

  beforeStore(draft: SendMessageDraft): SendMessageHookVerdict {
    if (transactionTypeOf(draft.sysFlag) !== 'PREPARED') return CONTINUE;
    if (this.rejectTransactionMessage) {
      return {
        kind: 'reject',
        code: ResponseCode.NO_PERMISSION,
        remark: `the broker[${this.brokerName}] sending transaction message is forbidden`,
      };
    }
    const properties = parseMessageProperties(draft.properties);
    properties.set(MessageConst.PROPERTY_REAL_TOPIC, draft.topic);
    properties.set(MessageConst.PROPERTY_REAL_QUEUE_ID, String(draft.queueId));
    draft.topic = RMQ_SYS_TRANS_HALF_TOPIC;
    draft.queueId = HALF_QUEUE_ID;
    draft.properties = encodeMessageProperties(properties);
    draft.sysFlag = withTransactionType(draft.sysFlag, 'NOT');
    return CONTINUE;
  }
}
