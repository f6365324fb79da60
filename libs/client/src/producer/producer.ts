import { at, type Clock, type Logger, silentLogger, systemClock, type Timers } from '@rocketmq-ts/base';
import { MessageConst, UniqueKeyGenerator } from '@rocketmq-ts/model';
import type { RemotingCommand } from '@rocketmq-ts/protocol';
import { RemotingClient, type RemotingClientOptions } from '@rocketmq-ts/remoting';

import { remotingSecurityOptions } from '../core/client-security';
import { keysOf, pubTrace, traceDispatcherFor } from '../trace/producer-trace';
import type { TraceDispatcher } from '../trace/trace-dispatcher';
import { MQBrokerError, MQClientError } from '../errors';
import type { TopicPublishInfo } from '../route/topic-publish-info';
import { TopicRouteCache } from '../route/topic-route-cache';
import { abortable, throwIfAborted } from './abortable';
import { prepareBatch } from './batch';
import { createClientId, localIpBytes } from './client-id';
import { compressBody } from './compression';
import { ProducerHeartbeat } from './heartbeat';
import { LatencyFaultStrategy } from './latency-fault-strategy';
import { type Message, prepareMessage } from './message';
import { type ProducerOptions, type ResolvedProducerOptions, resolveProducerOptions } from './producer-options';
import { QueueSelector } from './queue-selector';
import { SendAttempts, type SendPlan } from './send-attempts';
import { fixedQueue, type SendOptions } from './send-options';
import { type BatchSendResult, type SendResult, sendStatusOf, toBatchSendResult, toSendResult } from './send-result';

export type { ProducerOptions } from './producer-options';

type State = 'created' | 'running' | 'shutdown';

interface Running {
  readonly routes: TopicRouteCache;
  readonly attempts: SendAttempts;
}

/**
 * A RocketMQ producer on the classic remoting protocol: routes from the name servers (TBW102 when a
 * topic has none yet), SEND_MESSAGE_V2 / SEND_BATCH_MESSAGE to a master chosen round robin (or by
 * the caller's selector or sharding key), retries on another broker for retriable failures,
 * optional latency fault avoidance, zlib compression of large bodies, heartbeats while running.
 */
export class Producer {
  readonly clientId: string;
  private readonly options: ResolvedProducerOptions;
  private readonly logger: Logger;
  /** Signing and TLS settings every connection of this producer uses. */
  protected readonly security: Pick<RemotingClientOptions, 'beforeRequest' | 'tls'>;
  private readonly uniqKeys: UniqueKeyGenerator;
  private readonly faults: LatencyFaultStrategy | undefined;
  private readonly clock: Clock;
  private readonly timers: Timers;
  private readonly nextUniqKey = (): string => this.uniqKeys.next();
  private remoting: RemotingClient | undefined;
  private heartbeat: ProducerHeartbeat | undefined;
  private current: Running | undefined;
  private state: State = 'created';
  private readonly traceOptions: ProducerOptions | undefined;
  private tracer: TraceDispatcher | undefined;

  constructor(options: ProducerOptions) {
    this.options = resolveProducerOptions(options);
    this.security = remotingSecurityOptions(options);
    this.traceOptions = options.enableMsgTrace === true ? options : undefined;
    this.logger = (options.logger ?? silentLogger).child({ component: 'producer', producerGroup: options.producerGroup });
    this.clock = options.clock ?? systemClock;
    this.timers = options.timers ?? systemClock;
    this.faults = this.options.sendLatencyFaultEnable ? new LatencyFaultStrategy({ clock: this.clock }) : undefined;
    const ip = localIpBytes();
    this.clientId = createClientId(ip);
    this.uniqKeys = new UniqueKeyGenerator({ ip, pid: process.pid });
  }

  /** Starts the timers; nothing touches the network until the first send (as in Java). */
  async start(): Promise<void> {
    if (this.state !== 'created') throw new MQClientError(`producer cannot start: it is ${this.state}`, { retriable: false });
    const remoting = this.createRemotingClient(this.logger);
    const requestTimeoutMs = this.options.sendMsgTimeoutMs;
    const heartbeat = new ProducerHeartbeat({
      remoting,
      clientId: this.clientId,
      producerGroup: this.options.producerGroup,
      requestTimeoutMs,
      intervalMs: this.options.heartbeatIntervalMs,
      logger: this.logger,
      masterAddrs: () => this.current?.routes.masterAddrs() ?? [],
      timers: this.timers,
    });
    const routes = new TopicRouteCache({
      remoting,
      namesrvAddrs: this.options.namesrvAddrs,
      requestTimeoutMs,
      refreshIntervalMs: this.options.routeRefreshIntervalMs,
      defaultTopicQueueNums: this.options.defaultTopicQueueNums,
      logger: this.logger,
      onMasters: (addrs) => heartbeat.greet(addrs),
      timers: this.timers,
    });
    const attempts = new SendAttempts({
      remoting,
      selector: new QueueSelector(),
      faults: this.faults,
      logger: this.logger,
      producerGroup: this.options.producerGroup,
      defaultTopicQueueNums: this.options.defaultTopicQueueNums,
      clock: this.clock,
    });
    routes.start();
    heartbeat.start();
    [this.remoting, this.heartbeat, this.current] = [remoting, heartbeat, { routes, attempts }];
    this.state = 'running';
    if (this.traceOptions) {
      this.tracer = traceDispatcherFor(this.traceOptions, this.options.producerGroup, this.logger);
      await this.tracer.start();
    }
  }

  /**
   * Sends and resolves with the broker's answer; retriable failures are retried on another broker
   * unless the options pin the queue. Bodies over compressMsgBodyOverHowmuch go deflated.
   * Rejects with MQClientError (MQBrokerError, NoRouteError, MQAbortError) only.
   */
  async send(message: Message, options?: SendOptions): Promise<SendResult> {
    return this.sendWithSysFlag(message, options, 0);
  }

  /** `send` with extra sysFlag bits (a transactional producer's PREPARED type). */
  protected async sendWithSysFlag(message: Message, options: SendOptions | undefined, extraSysFlag: number): Promise<SendResult> {
    const { routes, attempts } = this.running();
    const plan = this.plan(options);
    const keyed = withShardingKey(message, options);
    const prepared = prepareMessage(keyed, this.uniqKeys.next(), this.options.maxMessageSize);
    const { body, sysFlag } = compressBody(prepared.body, this.options.compressMsgBodyOverHowmuch, this.options.compressLevel);
    const info = await this.route(routes, prepared.topic, plan.signal);
    const outgoing = { topic: prepared.topic, body, properties: prepared.properties, sysFlag: sysFlag | extraSysFlag, batch: false };
    const startedMs = this.tracer ? this.clock.nowMs() : 0;
    let storeHost = '';
    let regionId = '';
    const result = await attempts.send(
      outgoing,
      info,
      { ...plan, fixedQueue: fixedQueue(info, keyed, options) },
      (response, addr, queue) => {
        const status = statusOf(response, addr);
        [storeHost, regionId] = [addr, response.extFields?.['MSG_REGION'] ?? ''];
        return toSendResult(response, status, queue, prepared.uniqKey);
      },
    );
    this.tracer?.record(
      pubTrace(this.options.producerGroup, keyed, result, {
        startedMs,
        finishedMs: this.clock.nowMs(),
        storeHost,
        regionId,
        bodyLength: prepared.body.length,
        extraSysFlag,
      }),
      [result.msgId, ...keysOf(keyed)],
    );
    return result;
  }

  /** The connection pool; a subclass that must answer broker requests (transaction checks) gives it a handler. */
  protected createRemotingClient(logger: Logger): RemotingClient {
    return new RemotingClient({ logger, ...this.security });
  }

  /** The master address of `brokerName` from the cached routes, if a route named it. */
  protected masterAddrOf(brokerName: string): string | undefined {
    return this.current?.routes.masterAddrOf(brokerName);
  }

  /** The producer's connection pool while running. */
  protected get remotingClient(): RemotingClient {
    if (this.remoting === undefined) throw new MQClientError(`producer is ${this.state}; call start() first`, { retriable: false });
    return this.remoting;
  }

  protected get group(): string {
    return this.options.producerGroup;
  }

  /**
   * Sends messages of one topic as one SEND_BATCH_MESSAGE, stored together in one queue. No delay
   * levels, no compression; the encoded batch must fit maxMessageSize. A selector or sharding key
   * is given the first message.
   */
  async sendBatch(messages: readonly Message[], options?: SendOptions): Promise<BatchSendResult> {
    const { routes, attempts } = this.running();
    const plan = this.plan(options);
    const prepared = prepareBatch(messages, this.nextUniqKey, this.options.maxMessageSize);
    const info = await this.route(routes, prepared.topic, plan.signal);
    const outgoing = { topic: prepared.topic, body: prepared.body, properties: prepared.properties, sysFlag: 0, batch: true };
    const first = at(messages, 0, 'batch messages');
    return attempts.send(outgoing, info, { ...plan, fixedQueue: fixedQueue(info, first, options) }, (response, addr, queue) => {
      const status = statusOf(response, addr);
      return toBatchSendResult(response, status, queue, prepared.uniqKeys);
    });
  }

  /** Fire and forget: resolves once the request is written; the broker does not answer, nothing is retried. */
  async sendOneway(
    message: Message,
    options?: Pick<SendOptions, 'queue' | 'selector' | 'selectorArg' | 'shardingKey' | 'signal'>,
  ): Promise<void> {
    const { routes, attempts } = this.running();
    const keyed = withShardingKey(message, options);
    const prepared = prepareMessage(keyed, this.uniqKeys.next(), this.options.maxMessageSize);
    const { body, sysFlag } = compressBody(prepared.body, this.options.compressMsgBodyOverHowmuch, this.options.compressLevel);
    const info = await this.route(routes, prepared.topic, options?.signal);
    throwIfAborted(options?.signal, `one-way send to ${prepared.topic}`);
    await attempts.sendOneway(
      { topic: prepared.topic, body, properties: prepared.properties, sysFlag, batch: false },
      info,
      fixedQueue(info, keyed, options),
    );
  }

  /** UNREGISTER_CLIENT to the masters, then stops the timers and closes every socket. Idempotent. */
  async shutdown(): Promise<void> {
    if (this.state !== 'running') {
      this.state = 'shutdown';
      return;
    }
    this.state = 'shutdown';
    await this.tracer?.shutdown();
    this.current?.routes.stop();
    this.heartbeat?.stop();
    await this.heartbeat?.unregisterAll();
    await this.remoting?.close();
  }

  private running(): Running {
    if (this.state !== 'running' || !this.current) {
      throw new MQClientError(`producer is ${this.state}; call start() first`, { retriable: false });
    }
    return this.current;
  }

  private plan(options: SendOptions | undefined): Omit<SendPlan, 'fixedQueue'> {
    const timeoutMs = options?.timeoutMs ?? this.options.sendMsgTimeoutMs;
    if (!(timeoutMs > 0)) throw new MQClientError(`timeoutMs must be positive, got ${timeoutMs}`, { retriable: false });
    const mode = options?.communicationMode ?? 'SYNC';
    throwIfAborted(options?.signal, 'send');
    return {
      mode,
      retries: mode === 'SYNC' ? this.options.retryTimesWhenSendFailed : this.options.retryTimesWhenSendAsyncFailed,
      timeoutMs,
      deadlineMs: this.clock.nowMs() + timeoutMs,
      signal: options?.signal,
    };
  }

  private route(routes: TopicRouteCache, topic: string, signal: AbortSignal | undefined): Promise<TopicPublishInfo> {
    return abortable(routes.get(topic), signal, `route lookup of ${topic}`);
  }
}

function statusOf(response: RemotingCommand, addr: string): NonNullable<ReturnType<typeof sendStatusOf>> {
  const status = sendStatusOf(response.code);
  if (status === undefined) throw new MQBrokerError(addr, response.code, response.remark);
  return status;
}

/** The message with its sharding key as the __SHARDINGKEY property (what RocketMQ 5 calls the message group). */
function withShardingKey(message: Message, options: SendOptions | undefined): Message {
  const shardingKey = options?.shardingKey;
  if (shardingKey === undefined) return message;
  return { ...message, properties: { ...message.properties, [MessageConst.PROPERTY_SHARDING_KEY]: shardingKey } };
}
