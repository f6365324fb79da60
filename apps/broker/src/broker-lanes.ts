import type { LaneOptions } from '@rocketmq-ts/remoting';

import type { BrokerConfig } from './config/broker-config.schema';
import { BrokerLane } from './broker.tokens';

/**
 * Slots per Java thread. A Java send thread blocks on the store; one of our slots is an awaiting
 * handler costing a few hundred bytes, so each configured "thread" stands for many slots.
 */
const SEND_SLOTS_PER_THREAD = 64;
/** Parked long-polls hold their slot for up to ~20 s, so pulls need far more slots than sends. */
const PULL_SLOTS_PER_THREAD = 1024;

/**
 * Lane sizes from the Java thread-pool keys: `sendMessageThreadPoolNums` and
 * `pullMessageThreadPoolNums` scale maxInFlight, the `…QueueCapacity` keys bound the waiting.
 */
export function brokerLanes(config: BrokerConfig): LaneOptions[] {
  return [
    {
      name: BrokerLane.SEND,
      maxInFlight: config.sendMessageThreadPoolNums * SEND_SLOTS_PER_THREAD,
      maxQueued: config.sendThreadPoolQueueCapacity,
    },
    {
      name: BrokerLane.PULL,
      maxInFlight: config.pullMessageThreadPoolNums * PULL_SLOTS_PER_THREAD,
      maxQueued: config.pullThreadPoolQueueCapacity,
    },
    { name: BrokerLane.QUERY, maxInFlight: 64, maxQueued: 20_000 },
    { name: BrokerLane.CLIENT, maxInFlight: 128, maxQueued: 50_000 },
    { name: BrokerLane.CONSUMER_MANAGE, maxInFlight: 256, maxQueued: 20_000 },
    { name: BrokerLane.ADMIN, maxInFlight: 16, maxQueued: 1_024 },
  ];
}
