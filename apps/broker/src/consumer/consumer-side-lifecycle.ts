import type { OnApplicationBootstrap, OnApplicationShutdown, OnModuleDestroy } from '@nestjs/common';

import type { MessageStore } from '@rocketmq-ts/store';

import type { PullRequestHoldService } from '../longpolling/pull-request-hold-service';
import type { ScheduleMessageService } from '../schedule/schedule-message-service';
import type { ConsumerOffsetManager } from '../offsets/consumer-offset-manager';

/**
 * Starts and stops the consumer side in the order the data needs. At boot: store arrivals wake
 * parked pulls and the delay levels. At shutdown, before the remoting server drains
 * (onModuleDestroy runs first), parked pulls are answered so the drain does not wait out their
 * holds, and delay delivery stops while the store is still open; offsets are written last, after
 * the final commits came in.
 */
export class ConsumerSideLifecycle implements OnApplicationBootstrap, OnModuleDestroy, OnApplicationShutdown {
  constructor(
    private readonly store: MessageStore,
    private readonly offsets: ConsumerOffsetManager,
    private readonly holds: PullRequestHoldService,
    private readonly schedule: ScheduleMessageService,
    /** False on a slave: delay delivery writes, so only a master runs it (the slave syncs its offsets). */
    private readonly deliversDelayed: boolean,
  ) {}

  onApplicationBootstrap(): void {
    this.store.onMessageArriving((topic, queueId, maxOffset, tagsCode, _storeTimestamp, properties) => {
      this.holds.notifyMessageArriving(topic, queueId, maxOffset, tagsCode, properties);
      this.schedule.onMessageArriving(topic, queueId);
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
