import { type Clock, type Logger, parseHostPort, splitAddressList, type Timers } from '@rocketmq-ts/base';

import type { ClientSecurityOptions } from '../core/client-security';
import type { TraceOptions } from '../trace/trace-options';
import { MQClientError } from '../errors';
import { DEFAULT_ROUTE_REFRESH_INTERVAL_MS, DEFAULT_TOPIC_QUEUE_NUMS } from '../route/topic-route-cache';
import { DEFAULT_COMPRESS_LEVEL, DEFAULT_COMPRESS_MSG_BODY_OVER_HOWMUCH } from './compression';
import { DEFAULT_HEARTBEAT_INTERVAL_MS } from './heartbeat';
import { DEFAULT_MAX_MESSAGE_SIZE } from './message';

/** Producer settings, named as Java's DefaultMQProducer names them; durations in ms. */
export interface ProducerOptions extends ClientSecurityOptions, TraceOptions {
  /** One `host:port` or several; a `;`-separated string is split as Java splits it. */
  readonly namesrvAddr: string | readonly string[];
  readonly producerGroup: string;
  /** Budget of one send() including its retries (Java: sendMsgTimeout). Default 3000. */
  readonly sendMsgTimeoutMs?: number;
  /** Extra attempts after a failed SYNC send, each preferring another broker. Default 2. */
  readonly retryTimesWhenSendFailed?: number;
  /** Extra attempts after a transport failure of an ASYNC send (SendOptions.communicationMode). Default 2. */
  readonly retryTimesWhenSendAsyncFailed?: number;
  /** Largest body (or encoded batch) accepted before anything is sent, in bytes. Default 4 MiB. */
  readonly maxMessageSize?: number;
  /** Bodies longer than this many bytes are sent zlib-deflated (not batches). Default 4096. */
  readonly compressMsgBodyOverHowmuch?: number;
  /** zlib level for compressed bodies. Default 5. */
  readonly compressLevel?: number;
  /**
   * Avoid brokers that answered slowly or failed, for a time growing with the latency (Java's
   * MQFaultStrategy). Default false: plain round robin, skipping only the broker that just failed.
   */
  readonly sendLatencyFaultEnable?: boolean;
  /** Queues a topic gets when a broker creates it from TBW102. Default 4. */
  readonly defaultTopicQueueNums?: number;
  /** Java's heartbeatBrokerInterval. Default 30000. */
  readonly heartbeatIntervalMs?: number;
  /** Java's pollNameServerInterval: how often cached routes are re-read. Default 30000. */
  readonly routeRefreshIntervalMs?: number;
  readonly logger?: Logger;
  /** Time source of send deadlines, bornTimestamp and the latency fault strategy (tests pass a ManualClock). */
  readonly clock?: Clock;
  /** Where heartbeats and route refreshes are scheduled; real timers by default (docs/time.md#clock-and-timers). */
  readonly timers?: Timers;
}

export type ResolvedProducerOptions = Required<
  Omit<ProducerOptions, 'namesrvAddr' | 'logger' | 'clock' | 'timers' | keyof ClientSecurityOptions | keyof TraceOptions>
> & { readonly namesrvAddrs: readonly string[] };

export function resolveProducerOptions(options: ProducerOptions): ResolvedProducerOptions {
  const namesrvAddrs = splitAddressList(options.namesrvAddr);
  if (namesrvAddrs.length === 0) throw new MQClientError('namesrvAddr is empty', { retriable: false });
  for (const addr of namesrvAddrs) {
    if (parseHostPort(addr) === undefined)
      throw new MQClientError(`invalid name server address ${JSON.stringify(addr)} in namesrvAddr: expected host:port`, {
        retriable: false,
      });
  }
  if (options.producerGroup.length === 0) throw new MQClientError('producerGroup is empty', { retriable: false });
  const resolved: ResolvedProducerOptions = {
    namesrvAddrs,
    producerGroup: options.producerGroup,
    sendMsgTimeoutMs: options.sendMsgTimeoutMs ?? 3_000,
    retryTimesWhenSendFailed: options.retryTimesWhenSendFailed ?? 2,
    retryTimesWhenSendAsyncFailed: options.retryTimesWhenSendAsyncFailed ?? 2,
    maxMessageSize: options.maxMessageSize ?? DEFAULT_MAX_MESSAGE_SIZE,
    compressMsgBodyOverHowmuch: options.compressMsgBodyOverHowmuch ?? DEFAULT_COMPRESS_MSG_BODY_OVER_HOWMUCH,
    compressLevel: options.compressLevel ?? DEFAULT_COMPRESS_LEVEL,
    sendLatencyFaultEnable: options.sendLatencyFaultEnable ?? false,
    defaultTopicQueueNums: options.defaultTopicQueueNums ?? DEFAULT_TOPIC_QUEUE_NUMS,
    heartbeatIntervalMs: options.heartbeatIntervalMs ?? DEFAULT_HEARTBEAT_INTERVAL_MS,
    routeRefreshIntervalMs: options.routeRefreshIntervalMs ?? DEFAULT_ROUTE_REFRESH_INTERVAL_MS,
  };
  for (const key of [
    'sendMsgTimeoutMs',
    'maxMessageSize',
    'heartbeatIntervalMs',
    'routeRefreshIntervalMs',
    'defaultTopicQueueNums',
  ] as const) {
    if (!(resolved[key] > 0)) throw new MQClientError(`${key} must be positive, got ${resolved[key]}`, { retriable: false });
  }
  for (const key of ['retryTimesWhenSendFailed', 'retryTimesWhenSendAsyncFailed', 'compressMsgBodyOverHowmuch'] as const) {
    if (!Number.isInteger(resolved[key]) || resolved[key] < 0)
      throw new MQClientError(`${key} must be a non-negative integer, got ${resolved[key]}`, { retriable: false });
  }
  return resolved;
}
