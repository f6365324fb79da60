import type { OnApplicationBootstrap, OnApplicationShutdown, OnModuleDestroy } from '@nestjs/common';

import type { MessageStore } from '@rocketmq-ts/store';

import type { PullRequestHoldService } from '../longpolling/pull-request-hold-service';
import type { ScheduleMessageService } from '../schedule/schedule-message-service';
import type { ConsumerOffsetManager } from '../offsets/consumer-offset-manager';

export interface ConsumerSideLifecycleParts {
  readonly store: MessageStore;
  readonly offsets: ConsumerOffsetManager;
  readonly holds: PullRequestHoldService;
  readonly schedule: ScheduleMessageService;
  /** False on a slave: delay delivery writes, so only a master runs it (the slave syncs its offsets). */
  readonly deliversDelayed: boolean;
}

/**
 * Starts and stops the consumer side in the order the data needs. At boot: store arrivals wake
 * parked pulls and the delay levels. At shutdown, before the remoting server drains
 * (onModuleDestroy runs first), parked pulls are answered so the drain does not wait out their
 * holds, and delay delivery stops while the store is still open; offsets are written last, after
 * the final commits came in.
 */
export class ConsumerSideLifecycle implements OnApplicationBootstrap, OnModuleDestroy, OnApplicationShutdown {
  private readonly store: MessageStore;
  private readonly offsets: ConsumerOffsetManager;
  private readonly holds: PullRequestHoldService;
  private readonly schedule: ScheduleMessageService;
  private readonly deliversDelayed: boolean;

  constructor(parts: ConsumerSideLifecycleParts) {
    ({
      store: this.store,
      offsets: this.offsets,
      holds: this.holds,
      schedule: this.schedule,
      deliversDelayed: this.deliversDelayed,
    } = parts);
  }

  onApplicationBootstrap(): void {
    this.store.onMessageArriving((arrival) => {
      this.holds.notifyMessageArriving(arrival.topic, arrival.queueId, arrival.logicOffsetAfter, arrival);
      this.schedule.onMessageArriving(arrival.topic, arrival.queueId);
    });
    this.holds.start();
    if (this.deliversDelayed) this.schedule.start();
    this.offsets.start();
  }

  async onModuleDestroy(): Promise<void> {
    this.holds.shutdown();
    await this.schedule.shutdown();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.offsets.shutdown();
  }
}
