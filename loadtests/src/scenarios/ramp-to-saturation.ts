import type { Scenario } from '../config/scenario-options';

/**
 * Raise the arrival rate until the cluster cannot keep up; the knee (first second whose p99 passes
 * 50 ms, or that drops iterations or fails sends) is printed with the rate at that moment.
 * Thresholds only catch a broken run: saturating is the point.
 */
export const rampToSaturation: Scenario = {
  options: {
    description: 'ramp the send rate from 100 to 30 000 msg/s over 60 s (1 KiB) and print the knee',
    topic: 'LoadTestRamp',
    executor: {
      executor: 'ramping-arrival-rate',
      startRate: 100,
      stages: [{ duration: '60s', target: 30_000 }],
      preAllocatedVUs: 50,
      maxVUs: 256,
    },
    message: { size: 1024 },
    kneeP99Ms: 50,
    thresholds: { messages_sent: ['count>0'], send_errors: ['rate<0.5'] },
  },
};
