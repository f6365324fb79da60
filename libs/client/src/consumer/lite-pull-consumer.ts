import { compareMessageQueues, type MessageQueue, messageQueueKey, validateTopic } from '@rocketmq-ts/model';
import type { SubscriptionData } from '@rocketmq-ts/protocol';

import { MQClientError } from '../errors';
import { minOffset } from './broker-api/offset-api';
import { CONSUMER_DEFAULTS, type ConsumerBaseOptions } from './consumer-options';
import { ConsumerLifecycle } from './consumer-lifecycle';
import { consumerClientId, ConsumerRuntime } from './consumer-runtime';
import { type ConsumerBaseSettings, resolveBaseSettings } from './consumer-settings';
import { PollCache } from './lite/poll-cache';
import type { MessageExt } from './message-ext';
import type { ProcessQueue } from './process-queue';
import type { AssignedQueues } from './rebalance/assigned-queues';
import type { Rebalancer } from './rebalance/rebalancer';
import { buildSubscription, type MessageSelector, SUB_ALL } from './subscription';

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

type Mode = { readonly kind: 'subscribe' } | { readonly kind: 'assign'; queues: MessageQueue[] };

const FLOW_CONTROL_DELAY_MS = 50;

interface Running {
  readonly runtime: ConsumerRuntime;
  readonly assigned: AssignedQueues;
  readonly rebalancer: Rebalancer | undefined;
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
  private readonly limits: {
    pollTimeoutMs: number;
    pullThresholdForQueue: number;
    pullThresholdForAll: number;
    autoCommitIntervalMs: number;
  };
  private readonly subscriptions = new Map<string, SubscriptionData>();
  private readonly cache = new PollCache();
  private mode: Mode | undefined;
  private readonly lifecycle = new ConsumerLifecycle();
  private running: Running | undefined;

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
  subscribe(topic: string, subExpression: MessageSelector = SUB_ALL): void {
    this.checkTopic(topic);
    if (this.mode?.kind === 'assign') throw new MQClientError('subscribe() and assign() cannot be mixed', { retriable: false });
    if (this.lifecycle.state !== 'created') throw new MQClientError('subscribe before start()', { retriable: false });
    this.mode = { kind: 'subscribe' };
    this.subscriptions.set(topic, buildSubscription(topic, subExpression, BigInt(this.settings.clock.nowMs())));
  }

  /** Consumes exactly these queues (no rebalancing); may be called again while running to change them. */
  assign(queues: readonly MessageQueue[]): void {
    for (const queue of queues) this.checkTopic(queue.topic);
    if (this.mode?.kind === 'subscribe') throw new MQClientError('subscribe() and assign() cannot be mixed', { retriable: false });
    const chosen = [...queues].sort(compareMessageQueues);
    this.mode = { kind: 'assign', queues: chosen };
    for (const queue of chosen)
      if (!this.subscriptions.has(queue.topic))
        this.subscriptions.set(queue.topic, buildSubscription(queue.topic, SUB_ALL, BigInt(this.settings.clock.nowMs())));
    if (this.running !== undefined) void this.applyAssignment(this.running);
  }

  /** The queues this consumer pulls now. */
  assignedQueues(): MessageQueue[] {
    return this.running?.assigned.queues() ?? [];
  }

  start(): Promise<void> {
    return this.lifecycle.start(() => this.doStart());
  }

  private async doStart(): Promise<void> {
    const mode = this.mode;
    if (mode === undefined) throw new MQClientError('call subscribe() or assign() before start()', { retriable: false });
    const subscribeMode = mode.kind === 'subscribe';
    const runtime = new ConsumerRuntime({
      settings: this.settings,
      clientId: this.clientId,
      consumeType: 'CONSUME_ACTIVELY',
      subscriptions: this.subscriptions,
      heartbeatSubscriptions: subscribeMode,
      rebalanceNow: () => void this.running?.rebalancer?.rebalance(),
      resetOffsets: (offsets) => this.resetOffsets(offsets),
    });
    const running = this.assemble(runtime, subscribeMode);
    this.running = running;
    this.lifecycle.state = 'running';
    await this.lifecycle.open(runtime);
    const { rebalancer, assigned } = running;
    runtime.startChores({
      ownedQueues: () => assigned.queues(),
      persistEveryMs: this.autoCommit ? this.limits.autoCommitIntervalMs : undefined,
      rebalancer,
    });
    if (rebalancer !== undefined) await rebalancer.rebalance();
    else await this.applyAssignment(running);
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
      if (remaining <= 0 || this.lifecycle.state !== 'running') return [];
      await this.cache.wait(remaining, signal);
      signal?.throwIfAborted();
    }
  }

  /** Batches until shutdown; each iteration polls with the default timeout and skips empty polls. */
  async *[Symbol.asyncIterator](): AsyncIterator<MessageExt[]> {
    while (this.lifecycle.state === 'running') {
      const batch = await this.poll();
      if (batch.length > 0) yield batch;
    }
  }

  /** Moves an assigned queue: the next poll of it returns messages from `offset` on. */
  async seek(queue: MessageQueue, offset: number): Promise<void> {
    const running = this.requireRunning();
    if (running.assigned.get(queue) === undefined)
      throw new MQClientError(`queue ${messageQueueKey(queue)} is not assigned to this consumer`, { retriable: false });
    const { runtime } = running;
    const [min, max] = await Promise.all([
      minOffset(runtime.caller, runtime.masterAddr(queue), queue),
      runtime.boundaries.maxOffset(queue),
    ]);
    if (offset < min || offset > max)
      throw new MQClientError(`seek offset ${offset} is outside [${min}, ${max}] of ${messageQueueKey(queue)}`, { retriable: false });
    await running.assigned.restart(queue, offset, false);
  }

  async seekToBegin(queue: MessageQueue): Promise<void> {
    const running = this.requireRunning();
    await this.seek(queue, await minOffset(running.runtime.caller, running.runtime.masterAddr(queue), queue));
  }

  async seekToEnd(queue: MessageQueue): Promise<void> {
    const running = this.requireRunning();
    await this.seek(queue, await running.runtime.boundaries.maxOffset(queue));
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
  shutdown(): Promise<void> {
    return this.lifecycle.shutdown(async () => {
      const running = this.running;
      if (running === undefined) return;
      this.cache.wake();
      const queues = running.assigned.queues();
      if (this.autoCommit) await running.runtime.stopAndPersist(queues);
      running.assigned.dropAll();
      this.cache.clear();
      await running.runtime.close();
      this.running = undefined;
    });
  }

  private checkTopic(topic: string): void {
    const validation = validateTopic(topic);
    if (!validation.valid) throw new MQClientError(validation.reason, { retriable: false });
  }

  private requireRunning(): Running {
    if (this.lifecycle.state !== 'running' || this.running === undefined)
      throw new MQClientError(`consumer is ${this.lifecycle.state}; call start() first`, { retriable: false });
    return this.running;
  }

  private assemble(runtime: ConsumerRuntime, subscribeMode: boolean): Running {
    const assigned = runtime.createAssignedQueues(
      {
        postSubscription: true,
        lite: true,
        isRunning: () => this.lifecycle.state === 'running',
        pullDelayOf: (queue: ProcessQueue) =>
          queue.messageCount > this.limits.pullThresholdForQueue || this.cache.size > this.limits.pullThresholdForAll
            ? FLOW_CONTROL_DELAY_MS
            : 0,
        deliver: (queue, messages) => this.cache.push(queue, messages),
      },
      { persistOnRelease: this.autoCommit },
    );
    return { runtime, assigned, rebalancer: subscribeMode ? runtime.createRebalancer(assigned) : undefined };
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
