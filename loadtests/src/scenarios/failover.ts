import type { Scenario } from '../config/scenario-options';

/**
 * Kill the master of the first broker group 40 % into the run while sending (a cluster with
 * SYNC_MASTER and slaves, e.g. `npm start -- --mode 2m-2s-sync`): sends move to the other group,
 * consumers read broker-a's acknowledged messages from its slave. Every acknowledged message must
 * be consumed: zero acknowledged loss is a threshold; failed sends while the route catches up are
 * allowed.
 */
export const failover: Scenario = {
  options: {
    description: 'SIGKILL a master at 40 % while sending 300 msg/s; every acknowledged message must be consumed',
    topic: 'LoadTestFailover',
    queues: 4,
    executor: { executor: 'constant-arrival-rate', rate: 300, duration: '60s', preAllocatedVUs: 20, maxVUs: 600 },
    message: { size: 512 },
    consumers: { count: 1 },
    failover: { at: '40%' },
    drainTimeout: '60s',
    sendTimeoutMs: 3_000,
    thresholds: { lost_messages: ['count==0'], messages_consumed: ['count>0'], send_errors: ['rate<0.2'] },
  },
};
