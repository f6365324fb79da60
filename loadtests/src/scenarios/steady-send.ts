import type { Scenario } from '../config/scenario-options';

/** A fixed send rate with one consumer keeping up: the baseline, and what the dashboard shows first. */
export const steadySend: Scenario = {
  options: {
    description: 'steady send at 500 msg/s (1 KiB, keys, two tags) for 60 s, one consumer',
    topic: 'LoadTestSteady',
    executor: { executor: 'constant-arrival-rate', rate: 500, duration: '60s', preAllocatedVUs: 20, maxVUs: 500 },
    message: { size: 1024, keys: true, tags: ['TagA', 'TagB'] },
    consumers: { count: 1 },
    thresholds: { send_errors: ['rate<0.001'], send_latency: ['p(99)<1000'], checks: ['rate>0.999'], lost_messages: ['count==0'] },
  },
};
