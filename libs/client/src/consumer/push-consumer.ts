import { type MessageQueue, retryTopicOf, validateTopic } from '@rocketmq-ts/model';
import type { SubscriptionData } from '@rocketmq-ts/protocol';

import { MQClientError } from '../errors';
import { tracedConcurrentListener, tracedOrderlyListener } from '../trace/consume-trace';
import { traceDispatcherFor } from '../trace/producer-trace';
import type { TraceDispatcher } from '../trace/trace-dispatcher';
import { sendMessageBack } from './broker-api/send-back-api';
import { ConsumeConcurrentlyService } from './consume/consume-concurrently';
import { ConsumeOrderlyService } from './consume/consume-orderly';
import type { ConsumeService } from './consume/consume-service';
import { CONSUMER_DEFAULTS, type PushConsumerOptions } from './consumer-options';
import { ConsumerLifecycle } from './consumer-lifecycle';
import { consumerClientId, ConsumerRuntime, type PullLoopParts } from './consumer-runtime';
import { type ConsumerBaseSettings, resolveBaseSettings } from './consumer-settings';
import type { ConcurrentListener, OrderlyListener } from './listener';
import type { MessageExt } from './message-ext';
import type { ProcessQueue } from './process-queue';
import type { AssignedQueues } from './rebalance/assigned-queues';
import { QueueLocks } from './rebalance/queue-locks';
import type { Rebalancer } from './rebalance/rebalancer';
import { buildSubscription, type MessageSelector, retrySubscription } from './subscription';

type Listener = { readonly orderly: false; readonly fn: ConcurrentListener } | { readonly orderly: true; readonly fn: OrderlyListener };

function tracedListener(listener: Listener, tracer: TraceDispatcher, consumerGroup: string): Listener {
  return listener.orderly
    ? { orderly: true, fn: tracedOrderlyListener(listener.fn, tracer, consumerGroup) }
    : { orderly: false, fn: tracedConcurrentListener(listener.fn, tracer, consumerGroup) };
}

/** Java's flow-control pause, and its cap on the offset span held by one queue (consumeConcurrentlyMaxSpan). */
const FLOW_CONTROL_DELAY_MS = 50;
const CONSUME_CONCURRENTLY_MAX_SPAN = 2_000;
const MIB = 1024 * 1024;

/** Everything that exists only while the consumer runs. */
interface Running {
  readonly runtime: ConsumerRuntime;
  readonly assigned: AssignedQueues;
  readonly rebalancer: Rebalancer;
  readonly consume: ConsumeService;
  readonly locks: QueueLocks | undefined;
}

/**
 * A push consumer on the classic remoting protocol (Java's DefaultMQPushConsumer): rebalanced
 * queue ownership within the group (or every queue when broadcasting), long-polling pulls per
 * queue, a concurrent or an orderly listener, retries through `%RETRY%<group>` and the DLQ, offsets
 * committed every 5 s and at shutdown.
 */
export class PushConsumer {
  readonly clientId: string;
  private readonly settings: ConsumerBaseSettings;
  private readonly pushOptions: Required<
    Pick<
      PushConsumerOptions,
      | 'consumeThreadMax'
      | 'pullThresholdForQueue'
      | 'pullThresholdSizeForQueue'
      | 'suspendCurrentQueueTimeMillis'
      | 'consumeLaterDelayMs'
      | 'lockRenewIntervalMs'
      | 'awaitTerminationMillisWhenShutdown'
    >
  >;
  private readonly maxReconsumeTimesOption: number;
  private readonly subscriptions = new Map<string, SubscriptionData>();
  private listener: Listener | undefined;
  private readonly lifecycle = new ConsumerLifecycle();
  private running: Running | undefined;
  /** Set when enableMsgTrace: the options the trace producer is built from. */
  private readonly traceOptions: PushConsumerOptions | undefined;
  private tracer: TraceDispatcher | undefined;

  constructor(options: PushConsumerOptions) {
    this.settings = resolveBaseSettings(options, 'push-consumer');
    this.clientId = consumerClientId(options.instanceName);
    this.pushOptions = {
      consumeThreadMax: options.consumeThreadMax ?? CONSUMER_DEFAULTS.consumeThreadMax,
      pullThresholdForQueue: options.pullThresholdForQueue ?? CONSUMER_DEFAULTS.pullThresholdForQueue,
      pullThresholdSizeForQueue: options.pullThresholdSizeForQueue ?? CONSUMER_DEFAULTS.pullThresholdSizeForQueue,
      suspendCurrentQueueTimeMillis: options.suspendCurrentQueueTimeMillis ?? CONSUMER_DEFAULTS.suspendCurrentQueueTimeMillis,
      consumeLaterDelayMs: options.consumeLaterDelayMs ?? CONSUMER_DEFAULTS.consumeLaterDelayMs,
      lockRenewIntervalMs: options.lockRenewIntervalMs ?? CONSUMER_DEFAULTS.lockRenewIntervalMs,
      awaitTerminationMillisWhenShutdown:
        options.awaitTerminationMillisWhenShutdown ?? CONSUMER_DEFAULTS.awaitTerminationMillisWhenShutdown,
    };
    this.maxReconsumeTimesOption = options.maxReconsumeTimes ?? -1;
    this.traceOptions = options.enableMsgTrace === true ? options : undefined;
  }

  /**
   * Subscribes `topic` with a tag expression (`*`, `TagA || TagB`) or `{ sql: "a > 5 AND TAGS = 'A'" }`;
   * allowed before and after start. An SQL92 subscription is checked with its broker at start.
   */
  subscribe(topic: string, subExpression: MessageSelector = '*'): void {
    const validation = validateTopic(topic);
    if (!validation.valid) throw new MQClientError(validation.reason, { retriable: false });
    const { state } = this.lifecycle;
    if (state === 'stopping' || state === 'shutdown') throw new MQClientError(`consumer is ${state}`, { retriable: false });
    this.subscriptions.set(topic, buildSubscription(topic, subExpression, BigInt(this.settings.clock.nowMs())));
    const running = this.running;
    if (running !== undefined) {
      void running.runtime.routes.update(topic).then(
        () => running.runtime.heartbeat.beatAll().then(() => running.rebalancer.rebalance()),
        (error: unknown) => this.settings.logger.warn({ topic, err: error }, 'route of the new subscription not found yet'),
      );
    }
  }

  /** Concurrent listener: throw or return 'RECONSUME_LATER' to have the message retried later. */
  onMessage(listener: ConcurrentListener): void {
    this.setListener({ orderly: false, fn: listener });
  }

  /** Orderly listener: one message at a time per queue, in queue order. */
  onMessageOrderly(listener: OrderlyListener): void {
    this.setListener({ orderly: true, fn: listener });
  }

  /** The queues this member owns now (retry queues included). */
  assignedQueues(): MessageQueue[] {
    return this.running?.assigned.queues() ?? [];
  }

  /** Looks up routes, heartbeats, runs a first rebalance and starts pulling. */
  start(): Promise<void> {
    return this.lifecycle.start(() => this.doStart());
  }

  private async doStart(): Promise<void> {
    const listener = this.listener;
    if (listener === undefined)
      throw new MQClientError('no listener: call onMessage or onMessageOrderly before start()', { retriable: false });
    if (this.subscriptions.size === 0) throw new MQClientError('no subscription: call subscribe before start()', { retriable: false });
    this.lifecycle.state = 'starting';
    const { settings } = this;
    if (settings.messageModel === 'CLUSTERING')
      this.subscriptions.set(
        retryTopicOf(settings.consumerGroup),
        retrySubscription(settings.consumerGroup, BigInt(settings.clock.nowMs())),
      );
    const runtime = new ConsumerRuntime({
      settings,
      clientId: this.clientId,
      consumeType: 'CONSUME_PASSIVELY',
      subscriptions: this.subscriptions,
      heartbeatSubscriptions: true,
      rebalanceNow: () => void this.running?.rebalancer.rebalance(),
      resetOffsets: (offsets) => this.resetOffsets(offsets),
    });
    if (this.traceOptions) {
      this.tracer = traceDispatcherFor(this.traceOptions, settings.consumerGroup, settings.logger);
      await this.tracer.start();
    }
    const traced = this.tracer ? tracedListener(listener, this.tracer, settings.consumerGroup) : listener;
    const running = this.assemble(runtime, traced);
    this.running = running;
    await this.lifecycle.open(runtime);
    this.lifecycle.state = 'running';
    const { rebalancer, assigned, locks } = running;
    runtime.startChores({ ownedQueues: () => assigned.queues(), persistEveryMs: settings.persistConsumerOffsetIntervalMs, rebalancer });
    if (locks !== undefined) runtime.timers.every(this.pushOptions.lockRenewIntervalMs, () => void locks.lockAll(assigned.processQueues()));
    await rebalancer.rebalance();
  }

  /**
   * Stops pulling, waits (bounded) for listener calls in progress, commits offsets, releases
   * orderly locks, unregisters and closes every socket. Idempotent.
   */
  shutdown(): Promise<void> {
    return this.lifecycle.shutdown(async () => {
      const running = this.running;
      if (running === undefined) return;
      const { runtime, assigned, consume, locks } = running;
      consume.stop();
      runtime.timers.clear();
      const drained = await consume.idle(this.pushOptions.awaitTerminationMillisWhenShutdown);
      if (!drained) this.settings.logger.warn('listener calls still running at shutdown; their messages will be delivered again');
      await runtime.stopAndPersist(assigned.queues());
      const dropped = assigned.dropAll();
      if (locks !== undefined) await locks.unlockAll(dropped.map((queue) => queue.queue));
      await runtime.close();
      await this.tracer?.shutdown();
      this.running = undefined;
    });
  }

  private setListener(listener: Listener): void {
    if (this.lifecycle.state !== 'created') throw new MQClientError('the listener is set before start()', { retriable: false });
    this.listener = listener;
  }

  private get clustering(): boolean {
    return this.settings.messageModel === 'CLUSTERING';
  }

  /** Java: 16 for concurrent listeners, unlimited for orderly ones, unless set. */
  private maxReconsumeTimes(orderly: boolean): number {
    if (this.maxReconsumeTimesOption >= 0) return this.maxReconsumeTimesOption;
    return orderly ? Number.MAX_SAFE_INTEGER : CONSUMER_DEFAULTS.maxReconsumeTimesConcurrently;
  }

  private assemble(runtime: ConsumerRuntime, listener: Listener): Running {
    const { settings } = this;
    const { logger } = settings;
    const orderlyLocks = listener.orderly && this.clustering;
    const locks = orderlyLocks
      ? new QueueLocks({
          caller: runtime.caller,
          routes: runtime.routes,
          clientId: this.clientId,
          consumerGroup: settings.consumerGroup,
          logger,
          nowMs: () => settings.clock.nowMs(),
        })
      : undefined;
    const maxReconsumeTimes = this.maxReconsumeTimes(listener.orderly);
    const sendBack = async (message: MessageExt, delayLevel: number): Promise<boolean> => {
      const addr = runtime.routes.masterAddr(message.brokerName);
      if (addr === undefined) return false;
      try {
        await sendMessageBack(runtime.caller, addr, { group: settings.consumerGroup, message, delayLevel, maxReconsumeTimes });
        return true;
      } catch (error) {
        logger.warn({ msgId: message.msgId, err: error }, 'send-back failed');
        return false;
      }
    };
    const common = {
      consumeThreadMax: this.pushOptions.consumeThreadMax,
      messageModel: settings.messageModel,
      offsetStore: runtime.offsetStore,
      sendBack,
      timers: runtime.timers,
      logger,
    };
    const consume: ConsumeService = listener.orderly
      ? new ConsumeOrderlyService({
          ...common,
          listener: listener.fn,
          maxReconsumeTimes,
          suspendCurrentQueueTimeMillis: this.pushOptions.suspendCurrentQueueTimeMillis,
          nowMs: () => settings.clock.nowMs(),
          lock: (queue) => (locks === undefined ? Promise.resolve(true) : locks.lock(queue)),
        })
      : new ConsumeConcurrentlyService({ ...common, listener: listener.fn, consumeLaterDelayMs: this.pushOptions.consumeLaterDelayMs });
    const assigned = runtime.createAssignedQueues(this.pullParts(consume, listener.orderly), {
      beforeAdd: locks === undefined ? undefined : (queue) => locks.lock(queue),
      afterRemove: locks === undefined ? undefined : (queue) => this.unlockWhenIdle(runtime, locks, queue),
    });
    const rebalancer = runtime.createRebalancer(assigned);
    return { runtime, assigned, rebalancer, consume, locks };
  }

  private pullParts(consume: ConsumeService, orderly: boolean): PullLoopParts {
    const { settings } = this;
    const { pullThresholdForQueue, pullThresholdSizeForQueue } = this.pushOptions;
    const sizeThreshold = pullThresholdSizeForQueue * MIB;
    return {
      postSubscription: settings.postSubscriptionWhenPull,
      lite: false,
      isRunning: () => this.lifecycle.state === 'running' || this.lifecycle.state === 'starting',
      pullDelayOf: (queue: ProcessQueue) => {
        if (queue.messageCount > pullThresholdForQueue || queue.messageBytes > sizeThreshold) return FLOW_CONTROL_DELAY_MS;
        if (orderly) return this.clustering && !queue.locked ? settings.pullDelayOnErrorMs : 0;
        return queue.maxOffset - queue.commitOffset() > CONSUME_CONCURRENTLY_MAX_SPAN ? FLOW_CONTROL_DELAY_MS : 0;
      },
      deliver: (queue, messages) => consume.submit(queue, messages),
    };
  }

  /** An orderly queue is unlocked only once its listener call in progress returns, so no two members overlap. */
  private async unlockWhenIdle(runtime: ConsumerRuntime, locks: QueueLocks, queue: ProcessQueue): Promise<void> {
    while (queue.consuming && !runtime.timers.isCleared) await runtime.timers.sleep(FLOW_CONTROL_DELAY_MS);
    await locks.unlockAll([queue.queue]);
  }

  /** RESET_CONSUMER_CLIENT_OFFSET: owned queues restart at the offsets, the others just get them stored. */
  private async resetOffsets(offsets: ReadonlyArray<readonly [MessageQueue, number]>): Promise<void> {
    const running = this.running;
    if (running === undefined) return;
    for (const [queue, offset] of offsets) {
      if (running.assigned.get(queue) !== undefined) {
        await running.assigned.restart(queue, offset);
      } else {
        running.runtime.offsetStore.update(queue, offset, false);
        await running.runtime.offsetStore.persist(queue);
        running.runtime.offsetStore.remove(queue);
      }
    }
  }
}
