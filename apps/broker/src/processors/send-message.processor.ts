import { performance } from 'node:perf_hooks';

import { Inject } from '@nestjs/common';

import { at } from '@rocketmq-ts/base';
import { RemotingProcessor } from '@rocketmq-ts/nest-remoting';
import {
  decodeBatchBody,
  type DecodedBatchMessage,
  findMessageProperty,
  javaStringHashCode,
  MessageConst,
  MessageDecodeError,
  MESSAGE_PROPERTIES_MAX_BYTES,
  UniqueKeyGenerator,
} from '@rocketmq-ts/model';
import {
  createResponse,
  isSendSuccess,
  type RemotingCommand,
  RequestCode,
  ResponseCode,
  SendMessageRequestHeader,
  SendMessageRequestHeaderV2,
  SendMessageResponseHeader,
} from '@rocketmq-ts/protocol';
import type { ConnectionContext, RemotingRequestHandler } from '@rocketmq-ts/remoting';
import type { PutMessageResult } from '@rocketmq-ts/store';

import type { BrokerConfig } from '../config/broker-config.schema';
import type { BrokerIdentity } from '../config/broker-identity';
import type { BrokerMetrics, StoredBodies } from '../metrics/broker-metrics';
import { TopicConfigManager } from '../topics/topic-config-manager';
import type { MessagePut } from '../put/message-put-service';
import { BROKER_CONFIG, BROKER_IDENTITY, BROKER_METRICS, BrokerLane, MESSAGE_PUT } from '../broker.tokens';
import { ConnectionAddresses } from './send/connection-addresses';
import { putStatusResponse } from '../put/put-status-response';
import { type BrokerStampedProperties, stampProperties } from './send/send-properties';
import { runSendHooks, SEND_MESSAGE_HOOKS, type SendMessageDraft, type SendMessageHook } from '../send-hooks/send-message-hook';
import { SendTopicGuard } from './send/send-topic-guard';

const EMPTY_BODY = Buffer.alloc(0);

/**
 * SEND_MESSAGE (10, long header names: GO), SEND_MESSAGE_V2 (310, one-letter keys: Java, ali-ons)
 * and SEND_BATCH_MESSAGE (320). docs/remoting-protocol.md#requests-the-broker-serves: checks (SendTopicGuard), the broker's property
 * stamps, hooks (delay, retry → DLQ), the put pipeline (MessagePut: slave, size and replication
 * rules shared with every other writer), then one status → code mapping. Every reply
 * carries MSG_REGION and TRACE_ON, which Java reads unconditionally.
 *
 * Per message: one header decode (no reflection), property lookups on the text, one store call;
 * metric children come from a per-topic cache, and nothing is recorded with enableMetrics=false.
 */
@RemotingProcessor({
  codes: [RequestCode.SEND_MESSAGE, RequestCode.SEND_MESSAGE_V2, RequestCode.SEND_BATCH_MESSAGE],
  lane: BrokerLane.SEND,
})
export class SendMessageProcessor implements RemotingRequestHandler {
  private readonly guard: SendTopicGuard;
  private readonly addresses = new ConnectionAddresses();
  private readonly uniqueKeys: UniqueKeyGenerator;
  private readonly stamp: BrokerStampedProperties;
  private readonly traceOnText: string;

  constructor(
    topics: TopicConfigManager,
    @Inject(MESSAGE_PUT) private readonly putter: MessagePut,
    @Inject(BROKER_CONFIG) private readonly config: BrokerConfig,
    @Inject(BROKER_IDENTITY) private readonly identity: BrokerIdentity,
    @Inject(BROKER_METRICS) private readonly metrics: BrokerMetrics,
    @Inject(SEND_MESSAGE_HOOKS) private readonly hooks: readonly SendMessageHook[],
  ) {
    this.guard = new SendTopicGuard({ topics, brokerName: identity.brokerName, brokerPermission: config.brokerPermission });
    this.uniqueKeys = new UniqueKeyGenerator({ ip: identity.storeHost.ip, pid: process.pid });
    this.stamp = { clusterName: identity.clusterName, regionId: config.regionId, traceOn: config.traceOn };
    this.traceOnText = String(config.traceOn);
  }

  async handle(context: ConnectionContext, request: RemotingCommand): Promise<RemotingCommand> {
    const startedMs = performance.now();
    const body = request.body ?? EMPTY_BODY;
    // Before the topic checks, which may create a topic: a slave must not (its tables follow the master's).
    const early = this.putter.precheck(body.length, 'client');
    if (early !== undefined) return this.refuseStatus(request, early);
    const header =
      request.code === RequestCode.SEND_MESSAGE
        ? SendMessageRequestHeader.decode(request.extFields)
        : SendMessageRequestHeaderV2.decodeAsV1(request.extFields);
    const target = this.guard.resolve(header);
    if (!target.ok) return this.refuse(request, target.code, target.remark);
    const outcome =
      request.code === RequestCode.SEND_BATCH_MESSAGE
        ? await this.putBatch(context, header, target.queueId, body)
        : await this.putSingle(context, header, target, body);
    if ('refusal' in outcome) return this.refuse(request, outcome.refusal.code, outcome.refusal.remark);
    return this.reply(request, outcome, body.length, startedMs);
  }

  private async putSingle(
    context: ConnectionContext,
    header: SendMessageRequestHeader,
    target: { topicConfig: SendMessageDraft['topicConfig']; queueId: number },
    body: Buffer,
  ): Promise<PutOutcome> {
    const properties = header.properties ?? '';
    if (Buffer.byteLength(properties, 'utf8') > MESSAGE_PROPERTIES_MAX_BYTES)
      return refusal(ResponseCode.MESSAGE_ILLEGAL, `message properties are over ${MESSAGE_PROPERTIES_MAX_BYTES} bytes`);
    const clientUniqKey = findMessageProperty(properties, MessageConst.PROPERTY_UNIQ_CLIENT_MESSAGE_ID_KEYIDX);
    const tags = findMessageProperty(properties, MessageConst.PROPERTY_TAGS);
    const draft: SendMessageDraft = {
      topic: header.topic,
      queueId: target.queueId,
      properties,
      sysFlag: header.sysFlag,
      tagsCode: tags === undefined ? 0 : javaStringHashCode(tags),
      reconsumeTimes: header.reconsumeTimes ?? 0,
      maxReconsumeTimes: header.maxReconsumeTimes,
      topicConfig: target.topicConfig,
      producerGroup: header.producerGroup,
    };
    const verdict = runSendHooks(this.hooks, draft);
    if (verdict.kind === 'reject') return refusal(verdict.code, verdict.remark);
    const generatedUniqKey = clientUniqKey === undefined ? this.uniqueKeys.next() : undefined;
    const result = await this.putter.put(
      {
        topic: draft.topic,
        queueId: draft.queueId,
        flag: header.flag,
        body,
        properties: stampProperties(draft.properties, generatedUniqKey, this.stamp),
        sysFlag: draft.sysFlag,
        bornTimestamp: header.bornTimestamp,
        bornHost: this.addresses.bornHostOf(context),
        storeHost: this.identity.storeHost,
        reconsumeTimes: draft.reconsumeTimes,
        preparedTransactionOffset: 0,
        tagsCode: draft.tagsCode,
        keys: findMessageProperty(properties, MessageConst.PROPERTY_KEYS),
        uniqKey: clientUniqKey ?? generatedUniqKey,
        waitStoreMsgOK: findMessageProperty(properties, MessageConst.PROPERTY_WAIT_STORE_MSG_OK) !== 'false',
      },
      'client',
    );
    // The reply names the queue the client asked for even when a hook re-routed the message (a
    // delay level parks it in SCHEDULE_TOPIC_XXXX), as a Java broker answers.
    return { result, topic: draft.topic, queueId: target.queueId, transactionId: clientUniqKey ?? generatedUniqKey, batch: undefined };
  }

  /**
   * Inner messages keep their own properties (docs/remoting-protocol.md#message-records: the broker stamps nothing on
   * them); they share topic, queue, sysFlag, hosts and WAIT.
   */
  private async putBatch(context: ConnectionContext, header: SendMessageRequestHeader, queueId: number, body: Buffer): Promise<PutOutcome> {
    let inner: DecodedBatchMessage[];
    try {
      inner = decodeBatchBody(body);
    } catch (error) {
      if (error instanceof MessageDecodeError) return refusal(ResponseCode.MESSAGE_ILLEGAL, `malformed batch body: ${error.message}`);
      throw error;
    }
    if (inner.length === 0) return refusal(ResponseCode.MESSAGE_ILLEGAL, 'the batch holds no message');
    const messages = inner.map((message) => {
      const properties = message.properties.toString('utf8');
      const tags = findMessageProperty(properties, MessageConst.PROPERTY_TAGS);
      return {
        flag: message.flag,
        body: message.body,
        properties,
        tagsCode: tags === undefined ? 0 : javaStringHashCode(tags),
        keys: findMessageProperty(properties, MessageConst.PROPERTY_KEYS),
        uniqKey: findMessageProperty(properties, MessageConst.PROPERTY_UNIQ_CLIENT_MESSAGE_ID_KEYIDX),
      };
    });
    const first = messages[0] as (typeof messages)[number];
    const result = await this.putter.putBatch(
      {
        topic: header.topic,
        queueId,
        sysFlag: header.sysFlag,
        bornTimestamp: header.bornTimestamp,
        bornHost: this.addresses.bornHostOf(context),
        storeHost: this.identity.storeHost,
        waitStoreMsgOK: findMessageProperty(first.properties, MessageConst.PROPERTY_WAIT_STORE_MSG_OK) !== 'false',
        messages,
      },
      body.length,
    );
    return { result, topic: header.topic, queueId, transactionId: undefined, batch: messages };
  }

  private reply(request: RemotingCommand, outcome: StoredOutcome, bodyBytes: number, startedMs: number): RemotingCommand {
    const { code, remark } = putStatusResponse(outcome.result.status, outcome.result.remark);
    const append = outcome.result.appendResult;
    if (!isSendSuccess(code) || append === undefined) return this.refuse(request, code, remark ?? outcome.result.status);
    const latencyMs = performance.now() - startedMs;
    if (this.metrics.enabled) this.metrics.recordStored(outcome.topic, append.msgNum, outcome.batch ?? bodyBytes, latencyMs);
    const stats = this.metrics.putStats;
    if (latencyMs > stats.maxLatencyMs) stats.maxLatencyMs = latencyMs;
    const extFields = SendMessageResponseHeader.encode({
      msgId: append.msgIds.length === 1 ? at(append.msgIds, 0, 'msgIds') : append.msgIds.join(','),
      queueId: outcome.queueId,
      queueOffset: append.logicsOffset,
      transactionId: outcome.transactionId,
      regionId: this.config.regionId,
      traceOn: this.config.traceOn,
    });
    return createResponse(request, code, { extFields, remark });
  }

  private refuseStatus(request: RemotingCommand, result: PutMessageResult): RemotingCommand {
    const { code, remark } = putStatusResponse(result.status, result.remark);
    return this.refuse(request, code, remark ?? result.status);
  }

  private refuse(request: RemotingCommand, code: number, remark: string): RemotingCommand {
    this.metrics.sendFailure(code);
    return createResponse(request, code, { remark, extFields: { MSG_REGION: this.config.regionId, TRACE_ON: this.traceOnText } });
  }
}

interface StoredOutcome {
  readonly result: PutMessageResult;
  readonly topic: string;
  readonly queueId: number;
  readonly transactionId: string | undefined;
  /** The inner messages of a batch (their bodies feed the size metrics); undefined for one message. */
  readonly batch: StoredBodies | undefined;
}

type PutOutcome = StoredOutcome | { readonly refusal: { readonly code: number; readonly remark: string } };

function refusal(code: number, remark: string): PutOutcome {
  return { refusal: { code, remark } };
}
