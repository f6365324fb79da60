import { createResponse, type RemotingCommand } from '@rocketmq-ts/protocol';

import type { ControllerReply } from '../replicas/replicas-info-manager';

/** The frame for an engine reply, answering `request`. */
export function toResponse(request: RemotingCommand, reply: ControllerReply): RemotingCommand {
  return createResponse(request, reply.code, { remark: reply.remark, extFields: reply.extFields, body: reply.body });
}
