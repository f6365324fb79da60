import { errorMessage } from '@rocketmq-ts/base';
import type { Logger } from '@rocketmq-ts/base';
import type { MessageQueue } from '@rocketmq-ts/model';
import type { RemotingCommand } from '@rocketmq-ts/protocol';
import { type RemotingClient, RemotingError } from '@rocketmq-ts/remoting';

import { MQAbortError, MQBrokerError, MQClientError } from '../errors';
import type { TopicPublishInfo } from '../route/topic-publish-info';
import { abortable, throwIfAborted } from './abortable';
import type { LatencyFaultStrategy } from './latency-fault-strategy';
import type { QueueSelector } from './queue-selector';
import type { CommunicationMode } from './send-options';
import { buildSendRequest, type OutgoingMessage, type SendRequestContext } from './send-request';

export interface SendAttemptsOptions extends SendRequestContext {
  readonly remoting: RemotingClient;
  readonly selector: QueueSelector;
  /** Present when sendLatencyFaultEnable is on. */
  readonly faults: LatencyFaultStrategy | undefined;
  readonly logger: Logger;
}

export interface SendPlan {
  /** A queue pinned by the caller: one attempt, no other broker. */
  readonly fixedQueue: MessageQueue | undefined;
  readonly retries: number;
  readonly mode: CommunicationMode;
  readonly deadlineMs: number;
  readonly timeoutMs: number;
  readonly signal: AbortSignal | undefined;
}

/** Turns a broker's answer into a result, or throws MQBrokerError for a failure code. */
export type ResultReader<T> = (response: RemotingCommand, addr: string, queue: MessageQueue) => T;

/**
 * The attempt loop of a send (Java's sendDefaultImpl): pick a queue, send, and on a failure worth
 * retrying pick a queue on another broker, within the send's time budget. Every attempt feeds the
 * latency fault strategy when it is on.
 */
export class SendAttempts {
  constructor(private readonly options: SendAttemptsOptions) {}

  async send<T>(message: OutgoingMessage, info: TopicPublishInfo, plan: SendPlan, read: ResultReader<T>): Promise<T> {
    const attempts = plan.fixedQueue ? 1 : 1 + plan.retries;
    let lastError: MQClientError | undefined;
    let lastBroker: string | undefined;
    for (let attempt = 1; attempt <= attempts; attempt += 1) {
      const remainingMs = plan.deadlineMs - this.options.clock.nowMs();
      if (remainingMs <= 0) break;
      throwIfAborted(plan.signal, `send to ${message.topic}`);
      const { queue, addr } = plan.fixedQueue ? this.addressOf(info, plan.fixedQueue) : this.pick(info, lastBroker);
      lastBroker = queue.brokerName;
      const beganMs = this.options.clock.nowMs();
      try {
        const request = buildSendRequest(this.options, message, queue, info, false);
        const response = await abortable(this.options.remoting.invoke(addr, request, remainingMs), plan.signal, `send to ${message.topic}`);
        const result = read(response, addr, queue);
        this.options.faults?.updateFaultItem(queue.brokerName, this.options.clock.nowMs() - beganMs, false);
        return result;
      } catch (error) {
        if (error instanceof MQAbortError) throw error;
        lastError = asClientError(error, addr);
        // Only failures that say something about the broker isolate it; a bad message does not.
        this.options.faults?.updateFaultItem(queue.brokerName, this.options.clock.nowMs() - beganMs, lastError.retriable);
        if (!worthRetrying(lastError, plan.mode)) throw lastError;
        if (attempt < attempts)
          this.options.logger.warn({ attempt, broker: queue.brokerName, err: lastError }, 'send failed; retrying on another broker');
      }
    }
    throw new MQClientError(
      `send to ${message.topic} failed after ${attempts} attempt(s) within ${plan.timeoutMs} ms: ${lastError?.message ?? 'timed out'}`,
      {
        responseCode: lastError?.responseCode,
        remark: lastError?.remark,
        retriable: true,
        cause: lastError,
      },
    );
  }

  /** One-way: a single write, no answer, so neither retries nor latency records. */
  async sendOneway(message: OutgoingMessage, info: TopicPublishInfo, fixedQueue: MessageQueue | undefined): Promise<void> {
    const { queue, addr } = fixedQueue ? this.addressOf(info, fixedQueue) : this.pick(info, undefined);
    try {
      await this.options.remoting.invokeOneway(addr, buildSendRequest(this.options, message, queue, info, true));
    } catch (error) {
      throw asClientError(error, addr);
    }
  }

  private pick(info: TopicPublishInfo, avoidBrokerName: string | undefined): { queue: MessageQueue; addr: string } {
    const { selector, faults } = this.options;
    let queue: MessageQueue | undefined;
    if (faults) {
      queue = selector.selectAvailable(info, avoidBrokerName, (brokerName) => faults.isAvailable(brokerName));
      if (!queue) {
        const brokerNames = [...new Set(info.queues.map((candidate) => candidate.brokerName))];
        const leastBad = faults.pickOneAtLeast(brokerNames);
        queue = leastBad === undefined ? undefined : selector.selectOnBroker(info, leastBad);
      }
    }
    queue ??= selector.select(info, avoidBrokerName);
    // toPublishInfo only lists queues of brokers with a master, and the cache never returns an empty list.
    if (!queue) throw new MQClientError(`no writable queue for ${info.topic}`, { retriable: true });
    return this.addressOf(info, queue);
  }

  private addressOf(info: TopicPublishInfo, queue: MessageQueue): { queue: MessageQueue; addr: string } {
    const addr = info.masters.get(queue.brokerName);
    if (addr === undefined)
      throw new MQClientError(`broker ${queue.brokerName} has no master in the route of ${info.topic}`, { retriable: true });
    return { queue, addr };
  }
}

/** SYNC retries what is retriable; ASYNC, as Java's async send, only transport failures. */
function worthRetrying(error: MQClientError, mode: CommunicationMode): boolean {
  if (!error.retriable) return false;
  return mode === 'SYNC' || !(error instanceof MQBrokerError);
}

/** Remoting failures keep their own `retriable`; anything else unexpected is not retried. */
export function asClientError(error: unknown, addr: string): MQClientError {
  if (error instanceof MQClientError) return error;
  if (error instanceof RemotingError) return new MQClientError(error.message, { retriable: error.retriable, cause: error });
  const reason = errorMessage(error);
  return new MQClientError(`send to ${addr} failed: ${reason}`, { retriable: false, cause: error });
}
