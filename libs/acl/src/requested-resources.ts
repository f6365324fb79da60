import { errorMessage } from '@rocketmq-ts/base';
import { HeartbeatData, type RemotingCommand, RequestCode } from '@rocketmq-ts/protocol';

import { Perm, type PermBits } from './permission';

/**
 * What a request touches, read from its header (and a heartbeat's body), as RocketMQ 4.x's
 * PlainAccessValidator.parse reads it (docs/security.md#resources), plus the codes it missed
 * (batch and reply sends, lite pull, POP). A topic named `%RETRY%g` stands for group `g`.
 * A missing field adds nothing: the handler will refuse the malformed header itself.
 */
export interface RequestedResource {
  readonly kind: 'topic' | 'group';
  readonly name: string;
  readonly perm: PermBits;
}

export type RequestedResources =
  { readonly ok: true; readonly resources: readonly RequestedResource[] } | { readonly ok: false; readonly reason: string };

const RETRY_PREFIX = '%RETRY%';
const NONE: RequestedResources = { ok: true, resources: [] };

export function requestedResources(request: RemotingCommand): RequestedResources {
  const fields = request.extFields ?? {};
  const out: RequestedResource[] = [];
  switch (request.code) {
    case RequestCode.SEND_MESSAGE:
    case RequestCode.SEND_REPLY_MESSAGE:
      sendTarget(out, fields['topic']);
      break;
    case RequestCode.SEND_MESSAGE_V2:
    case RequestCode.SEND_BATCH_MESSAGE:
    case RequestCode.SEND_REPLY_MESSAGE_V2:
      sendTarget(out, fields['b']);
      break;
    case RequestCode.CONSUMER_SEND_MSG_BACK:
      group(out, fields['group'], Perm.SUB);
      break;
    case RequestCode.PULL_MESSAGE:
    case RequestCode.LITE_PULL_MESSAGE:
    case RequestCode.POP_MESSAGE:
    case RequestCode.PEEK_MESSAGE:
    case RequestCode.ACK_MESSAGE:
    case RequestCode.CHANGE_MESSAGE_INVISIBLETIME:
    case RequestCode.UPDATE_CONSUMER_OFFSET:
      topic(out, fields['topic'], Perm.SUB);
      group(out, fields['consumerGroup'], Perm.SUB);
      break;
    case RequestCode.QUERY_MESSAGE:
      topic(out, fields['topic'], Perm.SUB);
      break;
    case RequestCode.UNREGISTER_CLIENT:
    case RequestCode.GET_CONSUMER_LIST_BY_GROUP:
      group(out, fields['consumerGroup'], Perm.SUB);
      break;
    case RequestCode.HEART_BEAT:
      return heartbeatResources(request.body);
    default:
      return NONE;
  }
  return { ok: true, resources: out };
}

function heartbeatResources(body: Buffer | undefined): RequestedResources {
  if (!body || body.length === 0) return NONE;
  let heartbeat: HeartbeatData;
  try {
    heartbeat = HeartbeatData.decode(body);
  } catch (error) {
    return { ok: false, reason: `cannot read the heartbeat body to check its groups: ${errorMessage(error)}` };
  }
  const out: RequestedResource[] = [];
  for (const consumer of heartbeat.consumerDataSet) {
    group(out, consumer.groupName, Perm.SUB);
    for (const subscription of consumer.subscriptionDataSet) topic(out, subscription.topic, Perm.SUB);
  }
  return { ok: true, resources: out };
}

/** Sending to a retry topic is a consumer's send-back: it needs SUB on the group, not PUB. */
function sendTarget(out: RequestedResource[], topicName: string | undefined): void {
  if (topicName?.startsWith(RETRY_PREFIX)) group(out, topicName.slice(RETRY_PREFIX.length), Perm.SUB);
  else topic(out, topicName, Perm.PUB);
}

function topic(out: RequestedResource[], name: string | undefined, perm: PermBits): void {
  if (name === undefined || name === '') return;
  if (name.startsWith(RETRY_PREFIX)) out.push({ kind: 'group', name: name.slice(RETRY_PREFIX.length), perm });
  else out.push({ kind: 'topic', name, perm });
}

function group(out: RequestedResource[], name: string | undefined, perm: PermBits): void {
  if (name === undefined || name === '') return;
  out.push({ kind: 'group', name, perm });
}
