import { type Logger, silentLogger } from '@rocketmq-ts/base';
import { AUTO_CREATE_TOPIC_KEY_TOPIC, type MessageQueue, UniqueKeyGenerator } from '@rocketmq-ts/model';
import { createRequest, type RemotingCommand, RequestCode, SendMessageRequestHeaderV2 } from '@rocketmq-ts/protocol';
import { RemotingClient, RemotingError } from '@rocketmq-ts/remoting';

import { MQBrokerError, MQClientError } from '../errors';
import { DEFAULT_TOPIC_QUEUE_NUMS, TopicRouteCache } from '../route/topic-route-cache';
import type { TopicPublishInfo } from '../route/topic-publish-info';
import { createClientId, localIpBytes } from './client-id';
import { ProducerHeartbeat } from './heartbeat';
import { DEFAULT_MAX_MESSAGE_SIZE, type Message, type PreparedMessage, prepareMessage } from './message';
import { QueueSelector } from './queue-selector';
import { type SendResult, sendStatusOf, toSendResult } from './send-result';

export interface ProducerOptions {
  /** One `host:port` or several; a `;`-separated string is split as Java splits it. */
  readonly namesrvAddr: string | readonly string[];
  readonly producerGroup: string;
  /** Budget of one send() including its retries (Java: sendMsgTimeout). */
  readonly sendMsgTimeoutMs?: number;
  /** Extra attempts after a failed sync send, each preferring another broker. */
  readonly retryTimesWhenSendFailed?: number;
  readonly maxMessageSize?: number;
  readonly defaultTopicQueueNums?: number;
  readonly heartbeatIntervalMs?: number;
  readonly routeRefreshIntervalMs?: number;
  readonly logger?: Logger;
}

type State = 'created' | 'running' | 'shutdown';

/**
 * A RocketMQ producer on the classic remoting protocol: routes from the name servers (TBW102 when a
 * topic has none yet), SEND_MESSAGE_V2 to a master chosen round robin, retries on another broker
 * for retriable failures, heartbeats while running.
 */
export class Producer {
  readonly clientId: string;
  private readonly options: Required<Omit<ProducerOptions, 'namesrvAddr' | 'logger'>> & { namesrvAddrs: string[] };
  private readonly logger: Logger;
  private readonly uniqKeys: UniqueKeyGenerator;
  private readonly selector = new QueueSelector();
  private remoting: RemotingClient | undefined;
  private routes: TopicRouteCache | undefined;
  private heartbeat: ProducerHeartbeat | undefined;
  private state: State = 'created';

  constructor(options: ProducerOptions) {
    const namesrvAddrs = (typeof options.namesrvAddr === 'string' ? options.namesrvAddr.split(';') : [...options.namesrvAddr])
      .map((addr) => addr.trim())
      .filter((addr) => addr.length > 0);
    if (namesrvAddrs.length === 0) throw new MQClientError('namesrvAddr is empty', { retriable: false });
    if (options.producerGroup.length === 0) throw new MQClientError('producerGroup is empty', { retriable: false });
    this.options = {
      namesrvAddrs,
      producerGroup: options.producerGroup,
      sendMsgTimeoutMs: options.sendMsgTimeoutMs ?? 3_000,
      retryTimesWhenSendFailed: options.retryTimesWhenSendFailed ?? 2,
      maxMessageSize: options.maxMessageSize ?? DEFAULT_MAX_MESSAGE_SIZE,
      defaultTopicQueueNums: options.defaultTopicQueueNums ?? DEFAULT_TOPIC_QUEUE_NUMS,
      heartbeatIntervalMs: options.heartbeatIntervalMs ?? 30_000,
      routeRefreshIntervalMs: options.routeRefreshIntervalMs ?? 30_000,
    };
    this.logger = (options.logger ?? silentLogger).child({ component: 'producer', producerGroup: options.producerGroup });
    const ip = localIpBytes();
    this.clientId = createClientId(ip);
    this.uniqKeys = new UniqueKeyGenerator({ ip, pid: process.pid });
  }

  /** Starts the timers; nothing touches the network until the first send (as in Java). */
  async start(): Promise<void> {
    if (this.state !== 'created') throw new MQClientError(`producer cannot start: it is ${this.state}`, { retriable: false });
    const remoting = new RemotingClient({ logger: this.logger });
    const requestTimeoutMs = this.options.sendMsgTimeoutMs;
    const heartbeat = new ProducerHeartbeat({
      remoting,
      clientId: this.clientId,
      producerGroup: this.options.producerGroup,
      requestTimeoutMs,
      intervalMs: this.options.heartbeatIntervalMs,
      logger: this.logger,
      masterAddrs: () => this.routes?.masterAddrs() ?? [],
    });
    const routes = new TopicRouteCache({
      remoting,
      namesrvAddrs: this.options.namesrvAddrs,
      requestTimeoutMs,
      refreshIntervalMs: this.options.routeRefreshIntervalMs,
      defaultTopicQueueNums: this.options.defaultTopicQueueNums,
      logger: this.logger,
      onMasters: (addrs) => heartbeat.greet(addrs),
    });
    routes.start();
    heartbeat.start();
    [this.remoting, this.routes, this.heartbeat] = [remoting, routes, heartbeat];
    this.state = 'running';
    return Promise.resolve();
  }

  /** Sends and waits for the broker's answer, retrying retriable failures on another broker. */
  async send(message: Message): Promise<SendResult> {
    const { remoting, routes } = this.running();
    const prepared = prepareMessage(message, this.uniqKeys.next(), this.options.maxMessageSize);
    const deadline = Date.now() + this.options.sendMsgTimeoutMs;
    const info = await routes.get(prepared.topic);
    const attempts = 1 + this.options.retryTimesWhenSendFailed;
    let lastError: MQClientError | undefined;
    let lastBroker: string | undefined;
    for (let attempt = 1; attempt <= attempts; attempt += 1) {
      const remainingMs = deadline - Date.now();
      if (remainingMs <= 0) break;
      const { queue, addr } = this.pick(info, lastBroker);
      lastBroker = queue.brokerName;
      try {
        const response = await remoting.invoke(addr, this.sendRequest(prepared, queue, info, false), remainingMs);
        return this.result(response, addr, queue, prepared);
      } catch (error) {
        lastError = asClientError(error, addr);
        if (!lastError.retriable) throw lastError;
        this.logger.warn({ attempt, broker: queue.brokerName, err: lastError }, 'send failed; retrying on another broker');
      }
    }
    throw new MQClientError(`send to ${prepared.topic} failed after ${attempts} attempt(s) within ${this.options.sendMsgTimeoutMs} ms: ${lastError?.message ?? 'timed out'}`, {
      responseCode: lastError?.responseCode,
      remark: lastError?.remark,
      retriable: true,
      cause: lastError,
    });
  }

  /** Fire and forget: resolves once the request is written; the broker does not answer. */
  async sendOneway(message: Message): Promise<void> {
    const { remoting, routes } = this.running();
    const prepared = prepareMessage(message, this.uniqKeys.next(), this.options.maxMessageSize);
    const info = await routes.get(prepared.topic);
    const { queue, addr } = this.pick(info, undefined);
    try {
      await remoting.invokeOneway(addr, this.sendRequest(prepared, queue, info, true));
    } catch (error) {
      throw asClientError(error, addr);
    }
  }

  /** UNREGISTER_CLIENT to the masters, then stops the timers and closes every socket. Idempotent. */
  async shutdown(): Promise<void> {
    if (this.state !== 'running') {
      this.state = 'shutdown';
      return;
    }
    this.state = 'shutdown';
    this.routes?.stop();
    this.heartbeat?.stop();
    await this.heartbeat?.unregisterAll();
    await this.remoting?.close();
  }

  private running(): { remoting: RemotingClient; routes: TopicRouteCache } {
    if (this.state !== 'running' || !this.remoting || !this.routes) {
      throw new MQClientError(`producer is ${this.state}; call start() first`, { retriable: false });
    }
    return { remoting: this.remoting, routes: this.routes };
  }

  private pick(info: TopicPublishInfo, avoidBrokerName: string | undefined): { queue: MessageQueue; addr: string } {
    const queue = this.selector.select(info, avoidBrokerName);
    const addr = queue && info.masters.get(queue.brokerName);
    // toPublishInfo only lists queues of brokers with a master, and get() never returns an empty list.
    if (!queue || addr === undefined) throw new MQClientError(`no writable queue for ${info.topic}`, { retriable: true });
    return { queue, addr };
  }

  private sendRequest(message: PreparedMessage, queue: MessageQueue, info: TopicPublishInfo, oneway: boolean): RemotingCommand {
    const extFields = SendMessageRequestHeaderV2.encodeFromV1({
      producerGroup: this.options.producerGroup,
      topic: message.topic,
      defaultTopic: AUTO_CREATE_TOPIC_KEY_TOPIC,
      defaultTopicQueueNums: this.options.defaultTopicQueueNums,
      queueId: queue.queueId,
      sysFlag: 0,
      bornTimestamp: Date.now(),
      flag: 0,
      properties: message.properties,
      reconsumeTimes: 0,
      unitMode: false,
      batch: false,
      // The broker name helps brokers serving several names (proxy, static topics); harmless otherwise.
      brokerName: info.fromDefaultTopic ? undefined : queue.brokerName,
    });
    return createRequest(RequestCode.SEND_MESSAGE_V2, { extFields, body: message.body, oneway });
  }

  private result(response: RemotingCommand, addr: string, queue: MessageQueue, message: PreparedMessage): SendResult {
    const status = sendStatusOf(response.code);
    if (status === undefined) throw new MQBrokerError(addr, response.code, response.remark);
    return toSendResult(response, status, queue, message.uniqKey);
  }
}

/** Remoting failures keep their own `retriable`; anything else unexpected is not retried. */
function asClientError(error: unknown, addr: string): MQClientError {
  if (error instanceof MQClientError) return error;
  if (error instanceof RemotingError) return new MQClientError(error.message, { retriable: error.retriable, cause: error });
  const reason = error instanceof Error ? error.message : String(error);
  return new MQClientError(`send to ${addr} failed: ${reason}`, { retriable: false, cause: error });
}
