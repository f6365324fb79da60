import type { OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';

import type { MessageStore } from '@rocketmq-ts/store';

import type { TimerMessageService } from './timer-message-service';

/**
 * Starts the timer service once the broker is up (a staged message wakes it) and stops it in
 * onModuleDestroy, while the message store is still open: the last round finishes and the timer
 * store is flushed before the store shuts down in onApplicationShutdown.
 */
export class TimerLifecycle implements OnApplicationBootstrap, OnModuleDestroy {
  constructor(
    private readonly store: MessageStore,
    private readonly service: TimerMessageService | null,
  ) {}

  onApplicationBootstrap(): void {
    const service = this.service;
    if (service === null) return;
    this.store.onMessageArriving(({ topic }) => service.onMessageArriving(topic));
    service.start();
  }

  async onModuleDestroy(): Promise<void> {
    await this.service?.shutdown();
  }
}
