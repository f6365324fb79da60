// An open-model run for the stall benchmark: 500 msg/s, latency counted from each iteration's
// intended start, so a broker frozen for 200 ms shows on every send it delayed.
export const options = {
  description: 'arrival rate 500 msg/s, 1 KiB, for the SIGSTOP/SIGCONT stall benchmark',
  topic: 'BenchStall',
  executor: { executor: 'constant-arrival-rate', rate: 500, duration: '12s', preAllocatedVUs: 50, maxVUs: 1000 },
  message: { size: 1024 },
  thresholds: { messages_sent: ['count>0'] },
};
