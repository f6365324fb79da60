import { createResponse, type RemotingCommand } from '@rocketmq-ts/protocol';

import type { RemotingRequestHandler } from '../remoting-request-handler';

/** Answers SUCCESS with the request's extFields and body; counts calls. */
export class EchoHandler implements RemotingRequestHandler {
  calls = 0;

  handle(_context: unknown, request: RemotingCommand): RemotingCommand {
    this.calls++;
    return createResponse(request, 0, { extFields: request.extFields, body: request.body });
  }
}
