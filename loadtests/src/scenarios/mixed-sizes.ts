import type { Scenario } from '../config/scenario-options';

/** Small messages mostly, some large ones: 100 B to 64 KiB in one stream. */
export const mixedSizes: Scenario = {
  options: {
    description: 'mixed body sizes 100 B – 64 KiB (weighted towards small) at 300 msg/s, one consumer checking sizes',
    topic: 'LoadTestMixed',
    executor: { executor: 'constant-arrival-rate', rate: 300, duration: '60s', preAllocatedVUs: 20, maxVUs: 300 },
    message: {
      size: [
        { size: 100, weight: 50 },
        { size: 1024, weight: 30 },
        { size: 4096, weight: 15 },
        { size: 16_384, weight: 4 },
        { size: 65_536, weight: 1 },
      ],
    },
    consumers: { count: 1 },
    thresholds: { checks: ['rate==1'], lost_messages: ['count==0'], send_errors: ['rate<0.001'] },
  },
};
