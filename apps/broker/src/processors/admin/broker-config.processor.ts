import { RemotingProcessor } from '@rocketmq-ts/nest-remoting';
import { createResponse, PropertiesText, type RemotingCommand, RequestCode, ResponseCode } from '@rocketmq-ts/protocol';
import type { ConnectionContext, RemotingRequestHandler } from '@rocketmq-ts/remoting';

import { BrokerLane } from '../../broker.tokens';
import { RuntimeBrokerConfig } from '../../config/runtime-config';

/**
 * GET_BROKER_CONFIG (26) and UPDATE_BROKER_CONFIG (25), docs/admin.md#broker-configuration. The
 * reply to 26 carries the properties text as body and the config's DataVersion JSON in the
 * `version` header field; 25 takes a properties body. A refused update says which keys and why:
 * NO_PERMISSION for black-listed keys (Java's code for them), INVALID_PARAMETER for bad values.
 */
@RemotingProcessor({ codes: [RequestCode.GET_BROKER_CONFIG, RequestCode.UPDATE_BROKER_CONFIG], lane: BrokerLane.ADMIN })
export class BrokerConfigProcessor implements RemotingRequestHandler {
  constructor(private readonly runtimeConfig: RuntimeBrokerConfig) {}

  async handle(context: ConnectionContext, request: RemotingCommand): Promise<RemotingCommand> {
    if (request.code === RequestCode.GET_BROKER_CONFIG) {
      return createResponse(request, ResponseCode.SUCCESS, {
        body: Buffer.from(this.runtimeConfig.formatted(), 'utf8'),
        extFields: { version: this.runtimeConfig.dataVersionJson() },
      });
    }
    if (request.body === undefined || request.body.length === 0) return createResponse(request, ResponseCode.SUCCESS);
    const outcome = await this.runtimeConfig.update(PropertiesText.decode(request.body));
    if (outcome.kind === 'updated') return createResponse(request, ResponseCode.SUCCESS);
    const code = outcome.code === 'black-list' ? ResponseCode.NO_PERMISSION : ResponseCode.INVALID_PARAMETER;
    return createResponse(request, code, { remark: `config not updated (from ${context.remoteAddress}): ${outcome.problems.join('; ')}` });
  }
}
