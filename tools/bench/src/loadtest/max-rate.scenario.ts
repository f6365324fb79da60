// The runner's closed-loop ceiling: 64 VUs each sending 1 KiB back to back, the same shape as
// `mqbench producer -w 64 -s 1024` and `BenchProducer -w 64 -s 1024`. No thresholds but a sanity one.
export const options = {
  description: 'maximum send rate: 64 VUs back to back, 1 KiB',
  topic: 'BenchSend',
  executor: { executor: 'constant-vus', vus: 64, duration: '20s' },
  message: { size: 1024 },
  thresholds: { messages_sent: ['count>0'] },
};
