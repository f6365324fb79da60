import { compareMessageQueues, type MessageQueue, messageQueueKey, validateTopic } from '@rocketmq-ts/model';
import type { SubscriptionData } from '@rocketmq-ts/protocol';

import { MQClientError } from '../errors';
import { maxOffset, minOffset, searchOffset } from './broker-api/offset-api';
import { CONSUMER_DEFAULTS, type ConsumerBaseOptions } from './consumer-options';
import { consumerClientId, ConsumerRuntime } from './consumer-runtime';
import { type ConsumerBaseSettings, resolveBaseSettings } from './consumer-settings';
import { PollCache } from './lite/poll-cache';
import type { MessageExt } from './message-ext';
import type { ProcessQueue } from './process-queue';
import { type PullLoopHost, runPullLoop } from './pull/pull-loop';
import { AssignedQueues } from './rebalance/assigned-queues';
import { computePullFromWhere, type QueueBoundaries } from './rebalance/pull-from-where';
import { Rebalancer } from './rebalance/rebalancer';
import { consumerServerRequestHandler } from './server-requests';
import { buildSubscription, SUB_ALL } from './subscription';

export interface LitePullConsumerOptions extends ConsumerBaseOptions {
  /** Commit polled offsets every `autoCommitIntervalMs` and at shutdown (Java: true, 5 s). */
  readonly autoCommit?: boolean;
  readonly autoCommitIntervalMs?: number;
  /** poll() without a timeout waits this long (Java: pollTimeoutMillis 5 s). */
  readonly pollTimeoutMs?: number;
  /** Pulling a queue pauses while it holds this many unpolled messages (Java: 1000) … */
  readonly pullThresholdForQueue?: number;
  /** … or while all queues together hold this many (Java: pullThresholdForAll 10000). */
  readonly pullThresholdForAll?: number;
}

export interface PollOptions {
  readonly timeoutMs?: number;
  /** Aborting ends the wait: poll() rejects with the signal's reason. */
  readonly signal?: AbortSignal;
}

type State = 'created' | 'running' | 'stopping' | 'shutdown';
type Mode = { readonly kind: 'subscribe' } | { readonly kind: 'assign'; queues: MessageQueue[] };

const FLOW_CONTROL_DELAY_MS = 50;

interface Running {
  readonly runtime: ConsumerRuntime;
  readonly assigned: AssignedQueues;
  readonly rebalancer: Rebalancer | undefined;
  readonly boundaries: QueueBoundaries;
}

/**
 * Java's DefaultLitePullConsumer: the application pulls. Either subscribe (the group rebalances
 * queues among its members as for push) or assign queues by hand; pulled batches wait in memory
 * for poll(). A polled message counts as consumed: its offset is committed by auto-commit or by
 * commit(). seek() moves a queue. Nothing is sent back to the broker: there is no retry topic.
 */
export class LitePullConsumer implements AsyncIterable<MessageExt[]> {
  readonly clientId: string;
  private readonly settings: ConsumerBaseSettings;
  private readonly autoCommit: boolean;
  private readonly limits: { pollTimeoutMs: number; pullThresholdForQueue: number; pullThresholdForAll: number; autoCommitIntervalMs: number };
  private readonly subscriptions = new Map<string, SubscriptionData>();
  private readonly cache = new PollCache();
  private mode: Mode | undefined;
  private state: State = 'created';
  private running: Running | undefined;
  /** The start() in progress, so that a shutdown() racing it waits and then cleans up. */
  private starting: Promise<void> | undefined;

  constructor(options: LitePullConsumerOptions) {
    this.settings = resolveBaseSettings(options, 'lite-pull-consumer');
    this.clientId = consumerClientId(options.instanceName);
    this.autoCommit = options.autoCommit ?? true;
    this.limits = {
      pollTimeoutMs: options.pollTimeoutMs ?? 5_000,
      pullThresholdForQueue: options.pullThresholdForQueue ?? CONSUMER_DEFAULTS.pullThresholdForQueue,
      pullThresholdForAll: options.pullThresholdForAll ?? 10_000,
      autoCommitIntervalMs: options.autoCommitIntervalMs ?? CONSUMER_DEFAULTS.persistConsumerOffsetIntervalMs,
    };
  }

  /** Subscribes `topic` (group-balanced queues); not combinable with assign(). */
  subscribe(topic: string, subExpression = SUB_ALL): void {
    this.checkTopic(topic);
    if (this.mode?.kind === 'assign') throw new MQClientError('subscribe() and assign() cannot be mixed', { retriable: false });
    if (this.state !== 'created') throw new MQClientError('subscribe before start()', { retriable: false });
    this.mode = { kind: 'subscribe' };
    this.subscriptions.set(topic, buildSubscription(topic, subExpression, Date.now()));
  }

  /** Consumes exactly these queues (no rebalancing); may be called again while running to change them. */
  assign(queues: readonly MessageQueue[]): void {
    for (const queue of queues) this.checkTopic(queue.topic);
    if (this.mode?.kind === 'subscribe') throw new MQClientError('subscribe() and assign() cannot be mixed', { retriable: false });
    const chosen = [...queues].sort(compareMessageQueues);
    this.mode = { kind: 'assign', queues: chosen };
    for (const queue of chosen) if (!this.subscriptions.has(queue.topic)) this.subscriptions.set(queue.topic, buildSubscription(queue.topic, SUB_ALL, Date.now()));
    if (this.running !== undefined) void this.applyAssignment(this.running);
  }

  /** The queues this consumer pulls now. */
  assignedQueues(): MessageQueue[] {
    return this.running?.assigned.queues() ?? [];
  }

  start(): Promise<void> {
    this.starting = this.doStart().finally(() => {
      this.starting = undefined;
    });
    return this.starting;
  }

  private async doStart(): Promise<void> {
    if (this.state !== 'created') throw new MQClientError(`consumer cannot start: it is ${this.state}`, { retriable: false });
    const mode = this.mode;
    if (mode === undefined) throw new MQClientError('call subscribe() or assign() before start()', { retriable: false });
    const { settings } = this;
    const handler = consumerServerRequestHandler(
      { consumerGroup: settings.consumerGroup, rebalanceNow: () => void this.running?.rebalancer?.rebalance(), resetOffsets: (_topic, offsets) => this.resetOffsets(offsets) },
      settings.logger,
    );
    // Assign mode heartbeats no subscription: the broker knows the group, not our queues.
    const heartbeatSubscriptions = mode.kind === 'subscribe' ? this.subscriptions : new Map<string, SubscriptionData>();
    const runtime = new ConsumerRuntime(settings, this.clientId, 'CONSUME_ACTIVELY', heartbeatSubscriptions, handler);
    const running = this.assemble(runtime, mode.kind === 'subscribe');
    this.running = running;
    this.state = 'running';
    try {
      await runtime.open();
      if (mode.kind === 'assign') await runtime.routes.refresh(this.subscriptions.keys());
      await runtime.heartbeat.beatAll();
    } catch (error) {
      this.state = 'shutdown';
      await runtime.close();
      throw error;
    }
    const { timers } = runtime;
    timers.every(settings.heartbeatIntervalMs, () => void runtime.heartbeat.beatAll());
    timers.every(settings.routeRefreshIntervalMs, () => void runtime.routes.refresh(this.subscriptions.keys()));
    if (this.autoCommit) timers.every(this.limits.autoCommitIntervalMs, () => void runtime.offsetStore.persistAll(running.assigned.queues()));
    if (running.rebalancer !== undefined) {
      const rebalancer = running.rebalancer;
      runtime.timers.every(settings.rebalanceIntervalMs, () => void rebalancer.rebalance());
      await rebalancer.rebalance();
    } else {
      await this.applyAssignment(running);
    }
  }

  /**
   * The next batch of messages (at most one pull's worth), waiting up to `timeoutMs` (default
   * pollTimeoutMs); empty when none came. Polled messages count as consumed.
   */
  async poll(options: PollOptions = {}): Promise<MessageExt[]> {
    const { signal } = options;
    signal?.throwIfAborted();
    const running = this.requireRunning();
    const deadline = Date.now() + (options.timeoutMs ?? this.limits.pollTimeoutMs);
    for (;;) {
      const batch = this.cache.take();
      if (batch !== undefined) {
        const offset = batch.queue.remove(batch.messages);
        if (!batch.queue.dropped) running.runtime.offsetStore.update(batch.queue.queue, offset, true);
        return batch.messages;
      }
      const remaining = deadline - Date.now();
      if (remaining <= 0 || this.state !== 'running') return [];
      await this.cache.wait(remaining, signal);
      signal?.throwIfAborted();
    }
  }

  /** Batches until shutdown; each iteration polls with the default timeout and skips empty polls. */
  async *[Symbol.asyncIterator](): AsyncIterator<MessageExt[]> {
    while (this.state === 'running') {
      const batch = await this.poll();
      if (batch.length > 0) yield batch;
    }
  }

  /** Moves an assigned queue: the next poll of it returns messages from `offset` on. */
  async seek(queue: MessageQueue, offset: number): Promise<void> {
    const running = this.requireRunning();
    if (running.assigned.get(queue) === undefined) throw new MQClientError(`queue ${messageQueueKey(queue)} is not assigned to this consumer`, { retriable: false });
    const [min, max] = await Promise.all([minOffset(running.runtime.caller, this.masterOf(running, queue), queue), running.boundaries.maxOffset(queue)]);
    if (offset < min || offset > max) throw new MQClientError(`seek offset ${offset} is outside [${min}, ${max}] of ${messageQueueKey(queue)}`, { retriable: false });
    await running.assigned.restart(queue, offset, false);
  }

  async seekToBegin(queue: MessageQueue): Promise<void> {
    const running = this.requireRunning();
    await this.seek(queue, await minOffset(running.runtime.caller, this.masterOf(running, queue), queue));
  }

  async seekToEnd(queue: MessageQueue): Promise<void> {
    const running = this.requireRunning();
    await this.seek(queue, await running.boundaries.maxOffset(queue));
  }

  /** Writes the offsets of everything polled so far to the broker (or the local file when broadcasting). */
  async commit(): Promise<void> {
    const running = this.requireRunning();
    await running.runtime.offsetStore.persistAll(running.assigned.queues());
  }

  /** The offset stored for `queue` (broker or file), undefined when there is none. */
  async committed(queue: MessageQueue): Promise<number | undefined> {
    return this.requireRunning().runtime.offsetStore.readStore(queue);
  }

  /** Stops pulling, commits (with auto-commit), unregisters and closes every socket. Idempotent. */
  async shutdown(): Promise<void> {
    await this.starting?.catch(() => undefined);
    const running = this.running;
    if (this.state !== 'running' || running === undefined) {
      if (this.state === 'created') this.state = 'shutdown';
      return;
    }
    this.state = 'stopping';
    this.cache.wake();
    const queues = running.assigned.queues();
    if (this.autoCommit) await running.runtime.stopAndPersist(queues);
    running.assigned.dropAll();
    this.cache.clear();
    await running.runtime.close();
    this.running = undefined;
    this.state = 'shutdown';
  }

  private checkTopic(topic: string): void {
    const validation = validateTopic(topic);
    if (!validation.valid) throw new MQClientError(validation.reason, { retriable: false });
  }

  private requireRunning(): Running {
    if (this.state !== 'running' || this.running === undefined) throw new MQClientError(`consumer is ${this.state}; call start() first`, { retriable: false });
    return this.running;
  }

  private masterOf(running: Running, queue: MessageQueue): string {
    const addr = running.runtime.routes.masterAddr(queue.brokerName);
    if (addr === undefined) throw new MQClientError(`the master of broker ${queue.brokerName} is unknown or down`, { retriable: true });
    return addr;
  }

  private assemble(runtime: ConsumerRuntime, subscribeMode: boolean): Running {
    const { settings } = this;
    const boundaries: QueueBoundaries = {
      maxOffset: (queue) => maxOffset(runtime.caller, this.masterOf(running, queue), queue),
      searchOffset: (queue, timestamp) => searchOffset(runtime.caller, this.masterOf(running, queue), queue, timestamp),
    };
    const host: PullLoopHost = {
      caller: runtime.caller,
      routes: runtime.routes,
      offsetStore: runtime.offsetStore,
      timers: runtime.timers,
      logger: settings.logger,
      consumerGroup: settings.consumerGroup,
      pullBatchSize: settings.pullBatchSize,
      pullDelayOnErrorMs: settings.pullDelayOnErrorMs,
      postSubscription: true,
      lite: true,
      isRunning: () => this.state === 'running',
      subscriptionOf: (topic) => this.subscriptions.get(topic),
      pullDelayOf: (queue: ProcessQueue) =>
        queue.messageCount > this.limits.pullThresholdForQueue || this.cache.size > this.limits.pullThresholdForAll ? FLOW_CONTROL_DELAY_MS : 0,
      deliver: (queue, messages) => this.cache.push(queue, messages),
      onOffsetMoved: (queue, nextOffset) => void assigned.restart(queue.queue, nextOffset).catch((error: unknown) => settings.logger.warn({ err: error }, 'queue restart failed')),
      onSubscriptionMissing: () => void runtime.heartbeat.beatAll(),
    };
    const assigned: AssignedQueues = new AssignedQueues({
      offsetStore: runtime.offsetStore,
      logger: settings.logger,
      persistOnRelease: this.autoCommit,
      startOffsetOf: (queue) => computePullFromWhere(queue, runtime.offsetStore, boundaries, settings.consumeFromWhere, settings.consumeTimestamp),
      start: (queue, offset) => void runPullLoop(host, queue, offset).catch((error: unknown) => settings.logger.error({ queue: queue.queue, err: error }, 'pull loop failed')),
    });
    const rebalancer = subscribeMode
      ? new Rebalancer({
          caller: runtime.caller,
          routes: runtime.routes,
          assigned,
          strategy: settings.allocateStrategy,
          consumerGroup: settings.consumerGroup,
          clientId: this.clientId,
          messageModel: settings.messageModel,
          topics: () => [...this.subscriptions.keys()],
          onRouteFound: () => runtime.heartbeat.beatAll(),
          logger: settings.logger,
        })
      : undefined;
    const running: Running = { runtime, assigned, rebalancer, boundaries };
    return running;
  }

  /** Assign mode: owned queues follow the assignment, topic by topic. */
  private async applyAssignment(running: Running): Promise<void> {
    if (this.mode?.kind !== 'assign') return;
    const wanted = this.mode.queues;
    const topics = new Set([...wanted.map((queue) => queue.topic), ...running.assigned.queues().map((queue) => queue.topic)]);
    for (const topic of topics) {
      if (running.runtime.routes.get(topic) === undefined) await running.runtime.routes.refresh([topic]);
      await running.assigned.update(
        topic,
        wanted.filter((queue) => queue.topic === topic),
      );
    }
  }

  private async resetOffsets(offsets: ReadonlyArray<readonly [MessageQueue, number]>): Promise<void> {
    const running = this.running;
    if (running === undefined) return;
    for (const [queue, offset] of offsets) {
      if (running.assigned.get(queue) !== undefined) await running.assigned.restart(queue, offset);
    }
  }
}
