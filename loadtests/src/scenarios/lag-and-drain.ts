import type { Scenario } from '../config/scenario-options';

/**
 * Producers outrun a consumer capped at 300 msg/s for the first half, then stop: the lag grows,
 * then drains to zero (the dashboard's lag panel shows both phases).
 */
export const lagAndDrain: Scenario = {
  options: {
    description: 'send 800 msg/s for 30 s then nothing for 30 s, one consumer capped at 300 msg/s: lag grows, then drains',
    topic: 'LoadTestLag',
    executor: {
      executor: 'ramping-arrival-rate',
      startRate: 800,
      stages: [
        { duration: '30s', target: 800 },
        { duration: '1ms', target: 0 },
        { duration: '30s', target: 0 },
      ],
      preAllocatedVUs: 20,
      maxVUs: 400,
    },
    message: { size: 512 },
    consumers: { count: 1, maxRate: 300 },
    drainTimeout: '60s',
    thresholds: { consumer_lag: ['max>0', 'value==0'], lost_messages: ['count==0'], send_errors: ['rate<0.001'] },
  },
};
