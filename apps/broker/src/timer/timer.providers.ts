import { mkdirSync } from 'node:fs';

import type { Provider } from '@nestjs/common';

import type { Clock } from '@rocketmq-ts/base';
import { injectNamed } from '@rocketmq-ts/nest-remoting';
import { type MessageStore, TIMER_LOG_RECORD_BYTES, TimerStore, timerStorePaths } from '@rocketmq-ts/store';

import { BROKER_CLOCK, BROKER_CONFIG, MESSAGE_STORE, STORE_SERVICE_TOKENS, type StoreServiceDeps } from '../broker.tokens';
import type { BrokerConfig } from '../config/broker-config.schema';
import { startsMasterOnlyWork } from '../config/replication-role';
import { TimerLifecycle } from './timer-lifecycle';
import { TimerMessageService } from './timer-message-service';
import { TimerSendHook } from './timer-send-hook';

/** `TimerMessageService | null`: null with timerWheelEnable=false (no timer files are created). */
export const TIMER_MESSAGE_SERVICE = Symbol('TIMER_MESSAGE_SERVICE');

/** 256 MiB of wheel in memory and on disk: past it, precision and max delay are refused together. */
const MAX_WHEEL_SLOTS = 8 * 1024 * 1024;

/**
 * Slots on the ring: twice the longest delay, so the read time may lag a whole max delay (a broker
 * down for a day) before a new message's slot could meet an undelivered one (enqueue then waits).
 */
export function timerWheelSlots(config: Pick<BrokerConfig, 'timerMaxDelaySec' | 'timerPrecisionMs'>): number {
  return Math.ceil((2 * config.timerMaxDelaySec * 1000) / config.timerPrecisionMs) + 2;
}

function openTimerService({ config, storeConfig, store, put, clock, logger, timers: waits }: StoreServiceDeps): TimerMessageService | null {
  if (!config.timerWheelEnable) return null;
  const slotCount = timerWheelSlots(config);
  if (slotCount > MAX_WHEEL_SLOTS) {
    throw new Error(
      `timerMaxDelaySec=${config.timerMaxDelaySec} at timerPrecisionMs=${config.timerPrecisionMs} needs ${slotCount} wheel slots, over ${MAX_WHEEL_SLOTS}: raise the precision or lower the max delay`,
    );
  }
  mkdirSync(storeConfig.storePathConfig, { recursive: true });
  const log = logger.child({ component: 'timer' });
  const outcome = TimerStore.open(
    {
      ...timerStorePaths(storeConfig.storePathRootDir, storeConfig.storePathConfig),
      precisionMs: config.timerPrecisionMs,
      slotCount,
      logSegmentBytes: Math.floor(config.mappedFileSizeTimerLog / TIMER_LOG_RECORD_BYTES) * TIMER_LOG_RECORD_BYTES,
    },
    clock.nowMs(),
  );
  if (outcome.kind === 'precision-changed') {
    throw new Error(
      `the timer store under ${storeConfig.storePathRootDir} was written with timerPrecisionMs=${outcome.storedPrecisionMs}, not ${config.timerPrecisionMs}: start with that value (or remove timerlog, timerwheel and config/timercheck once no timer message waits)`,
    );
  }
  const { store: timers, recovery } = outcome;
  log.info(
    { ...recovery, stagingQueueOffset: timers.stagingQueueOffset, readTimeMs: timers.readTimeMs, backlog: timers.backlog() },
    'timer store recovered',
  );
  return new TimerMessageService({
    store,
    put,
    timers,
    clock,
    delivers: startsMasterOnlyWork(config),
    flushIntervalMs: config.timerFlushIntervalMs,
    logger: log,
    waits,
  });
}

/** Timer messages: the send hook, the service (with its store) and its start/stop. */
export const timerProviders: Provider[] = [
  {
    provide: TimerSendHook,
    inject: [BROKER_CONFIG, BROKER_CLOCK],
    useFactory: (config: BrokerConfig, clock: Clock) =>
      new TimerSendHook({
        enabled: config.timerWheelEnable,
        precisionMs: config.timerPrecisionMs,
        maxDelayMs: config.timerMaxDelaySec * 1000,
        nowMs: () => clock.nowMs(),
      }),
  },
  {
    provide: TIMER_MESSAGE_SERVICE,
    ...injectNamed(STORE_SERVICE_TOKENS, openTimerService),
  },
  {
    provide: TimerLifecycle,
    inject: [MESSAGE_STORE, TIMER_MESSAGE_SERVICE],
    useFactory: (store: MessageStore, service: TimerMessageService | null) => new TimerLifecycle(store, service),
  },
];
