import { Inject } from '@nestjs/common';

import { errorMessage } from '@rocketmq-ts/base';
import { decodeOffsetMessageId } from '@rocketmq-ts/model';
import { RemotingProcessor } from '@rocketmq-ts/nest-remoting';
import {
  ConsumeMessageDirectlyRequestHeader,
  createRequest,
  createResponse,
  GetConsumerRunningInfoRequestHeader,
  type RemotingCommand,
  RequestCode,
  ResponseCode,
} from '@rocketmq-ts/protocol';
import type { ConnectionContext, RemotingRequestHandler } from '@rocketmq-ts/remoting';
import type { MessageStore } from '@rocketmq-ts/store';
import type { Logger } from '@rocketmq-ts/base';

import { BROKER_IDENTITY, BROKER_LOGGER, BrokerLane, MESSAGE_STORE } from '../../broker.tokens';
import { ConsumerManager } from '../../clients/consumer-manager';
import type { BrokerIdentity } from '../../config/broker-identity';
import { TopicConfigManager } from '../../topics/topic-config-manager';

/** Java's broker waits this long for the client (Broker2Client.callClient). */
const CLIENT_TIMEOUT_MS = 5_000;

interface ClientCall {
  readonly group: string;
  readonly clientId: string;
  readonly extFields: Record<string, string>;
  readonly body: Buffer | undefined;
}

/**
 * GET_CONSUMER_RUNNING_INFO (307) and CONSUME_MESSAGE_DIRECTLY (309), docs/admin.md#forwarded-to-the-client:
 * the admin tool names a group and a clientId; the broker finds that client's connection among
 * the group's heartbeating members, sends it the same request, and answers with the client's
 * reply (code, remark, body). For 309 the broker first fills in its brokerName and the message
 * itself (the stored record at the msgId's commit-log offset) as the body.
 * A client not online answers SYSTEM_ERROR with Java's remark; a client that does not answer in
 * 5 s, or whose connection fails, answers SYSTEM_ERROR naming the failure.
 */
@RemotingProcessor({ codes: [RequestCode.GET_CONSUMER_RUNNING_INFO, RequestCode.CONSUME_MESSAGE_DIRECTLY], lane: BrokerLane.ADMIN })
export class ClientCallbackProcessor implements RemotingRequestHandler {
  constructor(
    private readonly consumers: ConsumerManager,
    private readonly topics: TopicConfigManager,
    @Inject(MESSAGE_STORE) private readonly store: MessageStore,
    @Inject(BROKER_IDENTITY) private readonly identity: BrokerIdentity,
    @Inject(BROKER_LOGGER) private readonly logger: Logger,
  ) {}

  async handle(_context: ConnectionContext, request: RemotingCommand): Promise<RemotingCommand> {
    if (request.code === RequestCode.GET_CONSUMER_RUNNING_INFO) {
      const header = GetConsumerRunningInfoRequestHeader.decode(request.extFields);
      return this.callClient(request, {
        group: header.consumerGroup,
        clientId: header.clientId,
        extFields: request.extFields ?? {},
        body: request.body,
      });
    }
    const header = ConsumeMessageDirectlyRequestHeader.decode(request.extFields);
    const extFields: Record<string, string> = { ...request.extFields, brokerName: this.identity.brokerName };
    const topicConfig = header.topic === undefined ? undefined : this.topics.selectTopicConfig(header.topic);
    if (topicConfig !== undefined) extFields['topicSysFlag'] = String(topicConfig.topicSysFlag);
    let record: Buffer | undefined;
    try {
      record = await this.store.lookMessageByOffset(decodeOffsetMessageId(header.msgId).physicalOffset);
    } catch (error) {
      return createResponse(request, ResponseCode.SYSTEM_ERROR, {
        remark: `msgId ${header.msgId} is not a message id of this broker: ${errorMessage(error)}`,
      });
    }
    if (record === undefined) return createResponse(request, ResponseCode.SYSTEM_ERROR, { remark: `no message at msgId ${header.msgId}` });
    return this.callClient(request, { group: header.consumerGroup, clientId: header.clientId, extFields, body: record });
  }

  private async callClient(request: RemotingCommand, { group, clientId, extFields, body }: ClientCall): Promise<RemotingCommand> {
    const members = this.consumers.getConsumerGroupInfo(group)?.channels.values() ?? [];
    const member = [...members].find((one) => one.clientId === clientId && !one.connection.closed);
    if (member === undefined)
      return createResponse(request, ResponseCode.SYSTEM_ERROR, { remark: `The Consumer <${group}> <${clientId}> not online` });
    try {
      const reply = await member.connection.invoke(createRequest(request.code, { extFields, body, language: 'JAVA' }), CLIENT_TIMEOUT_MS);
      return createResponse(request, reply.code, { remark: reply.remark, extFields: reply.extFields, body: reply.body });
    } catch (error) {
      this.logger.warn({ err: error, group, clientId, code: request.code }, 'client did not answer a forwarded admin request');
      return createResponse(request, ResponseCode.SYSTEM_ERROR, {
        remark: `invoke consumer <${group}> <${clientId}> failed: ${errorMessage(error)}`,
      });
    }
  }
}
