import { Inject } from '@nestjs/common';

import { SQL92 } from '@rocketmq-ts/filter';
import { RemotingProcessor } from '@rocketmq-ts/nest-remoting';
import { CheckClientRequestBody, createResponse, type RemotingCommand, RequestCode, ResponseCode } from '@rocketmq-ts/protocol';
import type { ConnectionContext, RemotingRequestHandler } from '@rocketmq-ts/remoting';

import { BROKER_CONFIG, BrokerLane } from '../broker.tokens';
import type { BrokerConfig } from '../config/broker-config.schema';
import { PropertyFilters } from '../filter/property-filters';
import { isTagExpressionType, propertyFilterRefusal } from '../filter/subscription-filter';

const EMPTY_BODY = Buffer.alloc(0);

/**
 * CHECK_CLIENT_CONFIG (46), which a Java consumer sends at start for each non-tag subscription and
 * whose failure stops its start(), answered as Java's ClientManageProcessor does: SUCCESS for tag
 * subscriptions or no subscription; SYSTEM_ERROR with Java's remark while enablePropertyFilter is
 * off; SUBSCRIPTION_PARSE_FAILED with the compile error (and its line and column) for an
 * expression that does not compile.
 */
@RemotingProcessor({ codes: [RequestCode.CHECK_CLIENT_CONFIG], lane: BrokerLane.CLIENT })
export class CheckClientConfigProcessor implements RemotingRequestHandler {
  constructor(
    @Inject(BROKER_CONFIG) private readonly config: Pick<BrokerConfig, 'enablePropertyFilter'>,
    private readonly filters: PropertyFilters,
  ) {}

  handle(_context: ConnectionContext, request: RemotingCommand): RemotingCommand {
    const { subscriptionData } = CheckClientRequestBody.decode(request.body ?? EMPTY_BODY);
    if (subscriptionData === undefined || isTagExpressionType(subscriptionData.expressionType))
      return createResponse(request, ResponseCode.SUCCESS);
    if (!this.config.enablePropertyFilter)
      return createResponse(request, ResponseCode.SYSTEM_ERROR, { remark: propertyFilterRefusal(subscriptionData.expressionType) });
    if (subscriptionData.expressionType !== SQL92)
      return createResponse(request, ResponseCode.SUBSCRIPTION_PARSE_FAILED, {
        remark: `unknown expression type ${subscriptionData.expressionType}`,
      });
    const compiled = this.filters.compile(subscriptionData.subString);
    if (!compiled.ok) return createResponse(request, ResponseCode.SUBSCRIPTION_PARSE_FAILED, { remark: compiled.remark });
    return createResponse(request, ResponseCode.SUCCESS);
  }
}
