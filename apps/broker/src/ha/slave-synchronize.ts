import { type Logger, systemClock, type TimerHandle, type Timers } from '@rocketmq-ts/base';
import {
  createRequest,
  type RemotingCommand,
  RequestCode,
  ResponseCode,
  SubscriptionGroupWrapper,
  TopicConfigSerializeWrapper,
} from '@rocketmq-ts/protocol';
import type { RemotingClient } from '@rocketmq-ts/remoting';

import { decodeConsumerOffsetTable } from '../offsets/consumer-offset-table';
import type { ConsumerOffsetManager } from '../offsets/consumer-offset-manager';
import { decodeDelayOffsetTable } from '../schedule/delay-offset-table';
import type { ScheduleMessageService } from '../schedule/schedule-message-service';
import type { SubscriptionGroupManager } from '../subscriptions/subscription-group-manager';
import type { TopicConfigManager } from '../topics/topic-config-manager';
import { decodeTimerCheckpointBody } from '../timer/timer-checkpoint-body';
import type { TimerMessageService } from '../timer/timer-message-service';

export interface SlaveSynchronizeOptions {
  readonly client: RemotingClient;
  readonly topics: TopicConfigManager;
  readonly groups: SubscriptionGroupManager;
  readonly offsets: ConsumerOffsetManager;
  readonly schedule: ScheduleMessageService;
  /** Null with timerWheelEnable=false: the master's timer checkpoint is then not asked for. */
  readonly timer: TimerMessageService | null;
  /** The master's remoting address now (from the last register round), undefined while it is down. */
  readonly masterAddr: () => string | undefined;
  readonly intervalMs: number;
  readonly requestTimeoutMs: number;
  readonly logger: Logger;
  /** Where the rounds are scheduled (not the timer-message service above); real timers by default. */
  readonly timers?: Timers;
}

/** What one round changed, for the log and for specs. */
export interface SyncOutcome {
  readonly masterAddr: string;
  readonly topicsReplaced: boolean;
  readonly groupsReplaced: boolean;
  readonly offsetEntries: number;
  readonly delayLevels: number;
  /** The read time the slave's timer store follows now (undefined: no timer, or the part failed). */
  readonly timerReadTimeMs: number | undefined;
}

/** One table to fetch from the master: its request code, its name in logs, and the "nothing changed" answer. */
interface SyncPart<T> {
  readonly code: number;
  readonly what: string;
  readonly unchanged: T;
}

/**
 * A slave's copy of the master's metadata (Java's SlaveSynchronize, docs/store-and-ha.md#replication): topic
 * config and subscription groups (replaced when the master's DataVersion differs), consumer
 * offsets (the master's entries overwrite ours), delay-level offsets and the timer read time. Runs when the master is
 * first learned and every `intervalMs` (slaveSynchronizeIntervalMillis, 10 s as Java 4.5-4.9; Java 5 classic waits 60
 * s). One round at a time; a failed
 * part is logged and retried next round, the other parts still apply.
 */
export class SlaveSynchronize {
  private interval: TimerHandle | undefined;
  private readonly timers: Timers;
  private running: Promise<SyncOutcome | undefined> | undefined;
  private stopped = false;
  /** Topics that already asked for an early round since the last periodic one: one ask each. */
  private readonly askedEarly = new Set<string>();

  constructor(private readonly options: SlaveSynchronizeOptions) {
    this.timers = options.timers ?? systemClock;
  }

  start(): void {
    this.interval = this.timers.setInterval(() => {
      this.askedEarly.clear();
      void this.syncAll();
    }, this.options.intervalMs);
    this.interval.unref();
  }

  /**
   * A replicated record of `topic` was dispatched. A topic the slave has no config for was created
   * on the master after the last round; until the next one the slave would refuse its pulls
   * (TOPIC_NOT_EXIST), and if the master died first, consumers could not read acknowledged
   * messages from the slave that holds them. So such a topic asks for a round now, once (after the
   * round in flight, which may have started before the topic existed).
   */
  topicArrived(topic: string): void {
    if (this.stopped || this.askedEarly.has(topic) || this.options.topics.selectTopicConfig(topic) !== undefined) return;
    this.askedEarly.add(topic);
    const inFlight = this.running ?? Promise.resolve(undefined);
    void inFlight.then(() => this.syncAll());
  }

  /** A round now (or the one in flight); undefined when no master is known or the slave stopped. */
  syncAll(): Promise<SyncOutcome | undefined> {
    if (this.running !== undefined) return this.running;
    const masterAddr = this.options.masterAddr();
    if (masterAddr === undefined || this.stopped) return Promise.resolve(undefined);
    this.running = this.round(masterAddr).finally(() => {
      this.running = undefined;
    });
    return this.running;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.timers.clearInterval(this.interval);
    this.interval = undefined;
    await this.running;
    await this.options.client.close();
  }

  private async round(masterAddr: string): Promise<SyncOutcome> {
    const { topics, groups, offsets, schedule, logger } = this.options;
    const [topicsReplaced, groupsReplaced, offsetEntries, delayLevels, timerReadTimeMs] = await Promise.all([
      this.part(masterAddr, { code: RequestCode.GET_ALL_TOPIC_CONFIG, what: 'topic config', unchanged: false }, (body) => {
        const wrapper = TopicConfigSerializeWrapper.decode(body);
        return topics.replaceFromMaster(wrapper.topicConfigTable, wrapper.dataVersion);
      }),
      this.part(
        masterAddr,
        { code: RequestCode.GET_ALL_SUBSCRIPTIONGROUP_CONFIG, what: 'subscription groups', unchanged: false },
        (body) => {
          const wrapper = SubscriptionGroupWrapper.decode(body);
          return groups.replaceFromMaster(wrapper.subscriptionGroupTable, wrapper.dataVersion);
        },
      ),
      this.part(masterAddr, { code: RequestCode.GET_ALL_CONSUMER_OFFSET, what: 'consumer offsets', unchanged: 0 }, (body) => {
        const table = decodeConsumerOffsetTable(body.toString('utf8'));
        offsets.putAll(table);
        return table.size;
      }),
      this.part(masterAddr, { code: RequestCode.GET_ALL_DELAY_OFFSET, what: 'delay offsets', unchanged: 0 }, async (body) => {
        const table = decodeDelayOffsetTable(body.toString('utf8'));
        await schedule.replaceOffsets(table);
        return table.size;
      }),
      this.followTimer(masterAddr),
    ]);
    const outcome = { masterAddr, topicsReplaced, groupsReplaced, offsetEntries, delayLevels, timerReadTimeMs };
    logger.info(outcome, 'slave synchronized metadata from the master');
    return outcome;
  }

  /**
   * The master's timer checkpoint: the slave's timer store follows its read time, so a slave
   * promoted later starts delivering where the master stopped (Java's syncTimerCheckPoint).
   */
  private followTimer(masterAddr: string): Promise<number | undefined> {
    const timer = this.options.timer;
    if (timer === null) return Promise.resolve(undefined);
    return this.part(masterAddr, { code: RequestCode.GET_TIMER_CHECK_POINT, what: 'timer checkpoint', unchanged: undefined }, (body) => {
      const checkpoint = decodeTimerCheckpointBody(body);
      if (checkpoint === undefined) throw new Error(`timer checkpoint body of ${body.length} bytes`);
      timer.timers.followReadTime(checkpoint.readTimeMs, checkpoint.deliveredInSlot);
      return timer.timers.readTimeMs;
    });
  }

  /** One request and how it applies; failures are logged and count as "nothing changed". */
  private async part<T>(masterAddr: string, ask: SyncPart<T>, apply: (body: Buffer) => T | Promise<T>): Promise<T> {
    const { code, what, unchanged } = ask;
    let response: RemotingCommand;
    try {
      response = await this.options.client.invoke(masterAddr, createRequest(code), this.options.requestTimeoutMs);
    } catch (error) {
      this.options.logger.warn({ err: error, masterAddr, what }, 'slave sync request failed; retrying next round');
      return unchanged;
    }
    if (response.code !== ResponseCode.SUCCESS || response.body === undefined) {
      this.options.logger.warn({ masterAddr, what, code: response.code, remark: response.remark }, 'slave sync refused by the master');
      return unchanged;
    }
    try {
      return await apply(response.body);
    } catch (error) {
      this.options.logger.error({ err: error, masterAddr, what }, 'slave sync reply unreadable; keeping ours');
      return unchanged;
    }
  }
}
