import type { IterationFunction, Scenario } from '../config/scenario-options';
import { ORDER_KEY_PROPERTY, ORDER_SEQ_PROPERTY } from '../client/consumer-pool';

const positions = new Map<number, number>();

/**
 * VU n owns sharding key `order-n` and sends its messages one after another, numbered; the orderly
 * consumer checks that each key's numbers only grow ('in order'), as RocketMQ's ordered delivery
 * within one queue promises.
 */
const iteration: IterationFunction = async (context) => {
  const place = positions.get(context.vu) ?? 0;
  positions.set(context.vu, place + 1);
  const key = `order-${context.vu}`;
  await context.send({ properties: { [ORDER_KEY_PROPERTY]: key, [ORDER_SEQ_PROPERTY]: String(place) } }, { shardingKey: key });
};

export const orderly: Scenario = {
  options: {
    description: 'orderly send by sharding key (16 keys, one VU each) and orderly consume with an order check',
    topic: 'LoadTestOrderly',
    queues: 4,
    executor: { executor: 'constant-vus', vus: 16, duration: '60s' },
    message: { size: 256 },
    consumers: { count: 2, orderly: true },
    thresholds: { checks: ['rate==1'], lost_messages: ['count==0'], send_errors: ['rate<0.001'] },
  },
  iteration,
};
